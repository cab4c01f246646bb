export default {
  async fetch(_request: Request, env: Env) {
    return new Response(await env.SESSIONS.get("x"));
  },
} satisfies ExportedHandler<Env>;
