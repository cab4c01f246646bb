export default {
  async fetch() {
    const id = process.env.BUILD_ID; // replaced at build time
    const token = process.env["TOKEN"]; // want "process-env-unpopulated" "lack \"nodejs_compat\""
    return new Response(id + token);
  },
};
