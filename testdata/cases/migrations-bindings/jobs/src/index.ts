export default {
  async fetch(request: Request, env: Env) {
    return env.SESSIONS.getByName("s").fetch(request);
  },
} satisfies ExportedHandler<Env>;
