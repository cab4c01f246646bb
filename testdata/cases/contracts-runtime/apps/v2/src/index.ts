// process.env.CI tells tooling where it runs; no Worker sets it (cloudflare/ai).
const inCI = Boolean(process.env.CI);
export default {
  async fetch() {
    return new Response(inCI ? "ci" : process.env.GREETING); // want "process-env-unpopulated" "only nodejs_compat turns populating on"
  },
} satisfies ExportedHandler<Env>;
