export default {
  async fetch(request: Request, env: Env) {
    return fetch(env.UPSTREAM + new URL(request.url).pathname);
  },
} satisfies ExportedHandler<Env>;
