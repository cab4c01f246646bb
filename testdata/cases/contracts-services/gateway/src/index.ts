import { Hono } from "hono";

const app = new Hono<{ Bindings: Env }>();

app.get("/users/:id", async (c) => {
  const user = await c.env.USERS.getUser(c.req.param("id"));
  const { USERS } = c.env;
  await USERS.audit("read"); // want "service-call-unanswered" "env.USERS.audit\\(\\) calls entrypoint \"UsersService\" of Worker \"users\" \\(users/wrangler.jsonc\\), but \"audit\" is a class field there.*called from gateway/wrangler.jsonc, gateway/wrangler.jsonc env \"staging\""
  await c.env.USERS.deleteUser("1"); // want "service-call-unanswered" "but class UsersService has no method \"deleteUser\""
  const session = await c.env.AUTH.fetch("https://auth/session", { headers: c.req.raw.headers });
  const profile = await c.env.AUTH.fetch("https://auth/v1/profile"); // want "service-fetch-unrouted" "reaches Worker \"auth\" \\(auth/wrangler.jsonc\\), whose router has no route for GET /v1/profile"
  await c.env.AUTH.fetch(new Request("https://auth/api/tokens/abc", { method: "DELETE" }));
  await c.env.AUTH.fetch("https://auth/api/tokens", { method: "PUT" }); // want "service-fetch-unrouted" "routes for /api/tokens but not for PUT"
  await c.env.AUTH.verify("token"); // want "service-call-unanswered" "calls the default export of Worker \"auth\" .*but \"verify\" is declared with more than 3 parameters"
  await c.env.AUTH.check("a", "b"); // want "service-call-unanswered" "with 2 arguments, but a plain object's function takes exactly one over RPC"
  await c.env.AUTH.ping("x");
  await c.env.PAYMENTS.charge(1);
  await c.env.BILLING.fetch("https://billing/anything");
  return c.json({ user, session: session.ok, profile: profile.ok });
});

export default app;
