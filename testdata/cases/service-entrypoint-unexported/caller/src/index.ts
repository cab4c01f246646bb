export default {
  async fetch(request: Request, env: Env) {
    await env.LEDGER.post(1);
    await env.AUDIT.log("x");
    await env.LOCAL.ping();
    await env.SHARED.ping();
    await env.JOBS.run();
    await env.GONE.ping();
    await env.ROOM.ping();
    return new Response("ok");
  },
};
