import { Hono } from "hono";

const app = new Hono<{ Bindings: Env }>();
app.get("/health", (c) => c.text("ok"));

export async function scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext) {
  ctx.waitUntil(reap(env));
}

async function reap(env: Env) {}

export default app;
