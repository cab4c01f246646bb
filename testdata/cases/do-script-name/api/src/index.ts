export default {
  async fetch(request: Request, env: Env) {
    const a = await env.ROOMS.get(env.ROOMS.idFromName("lobby")).fetch(request);
    const b = await env.BILLING.get(env.BILLING.idFromName("x")).fetch(request);
    return env.LEGACY ? b : a;
  },
};
