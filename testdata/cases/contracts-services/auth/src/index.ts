import { Hono } from "hono";
import tokens from "./routes/tokens";

const app = new Hono().basePath("/");
app.get("/session", (c) => c.json({ ok: true }));
app.route("/api/tokens", tokens);

export default {
  fetch: app.fetch,
  async verify(token: string, env: Env, ctx: ExecutionContext, extra: unknown) {
    return true;
  },
  async check(token: string) {
    return true;
  },
  ping: async (x: string) => x,
};
