export default {
  async fetch(request: Request, env: Env) {
    await env.EVENTS.send(await request.json());
    return new Response("queued");
  },
} satisfies ExportedHandler<Env>;
