export default {
  async fetch(request: Request, env: Env) {
    const user = await env.USERS.get("42");
    const admin = await env.ADMIN.check("42");
    const bill = await env.BILLING.total("42");
    await env.AUDIT.log("42");
    return Response.json({ user, admin, bill });
  },
};
