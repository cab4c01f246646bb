export default {
  async fetch(request: Request, env: { STORE: any; ADMIN: any }) {
    const n = await env.ADMIN.countAllUser(); // want "service-call-unanswered" "class AdminStore has no method \"countAllUser\""
    return new Response(String(n));
  },
};
