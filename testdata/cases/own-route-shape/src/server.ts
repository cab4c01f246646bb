import { Agent, routeAgentRequest } from "agents";
import { Hono } from "hono";

export class PersonalAgent extends Agent<Env> {}
export class ChatAgent extends Agent<Env> {}

const app = new Hono<{ Bindings: Env }>();
app.get("/api/chats", (c) => c.json([]));
app.get("/personal-agents", (c) => c.json([]));
app.get("/agents/reports/:id/pdf", (c) => c.text("pdf " + c.req.param("id")));
app.all("*", async (c) => (await routeAgentRequest(c.req.raw, c.env)) ?? c.notFound());
export default app;
