import { Agent, routeAgentRequest } from "agents";
import { Hono } from "hono";
export class PersonalAgent extends Agent<Env> {}
const app = new Hono();
app.get("/agents/personal-agents/:id", (c) => c.json({ id: c.req.param("id") }));
app.all("*", async (c) => (await routeAgentRequest(c.req.raw, c.env)) ?? c.notFound());
export default app;
