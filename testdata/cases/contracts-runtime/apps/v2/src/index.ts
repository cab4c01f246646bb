export default {
  async fetch() {
    return new Response(process.env.GREETING); // want "process-env-unpopulated" "only nodejs_compat turns populating on"
  },
} satisfies ExportedHandler<Env>;
