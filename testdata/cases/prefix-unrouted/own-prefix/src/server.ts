import { Agent, getAgentByName, routeAgentRequest } from "agents";
import { Hono } from "hono";
export class SupportAgent extends Agent<Env> {}
const app = new Hono<{ Bindings: Env }>();
app.all("/chat-api/:agent/:name", async (c) => (await getAgentByName(c.env.SupportAgent, c.req.param("name"))).fetch(c.req.raw));
app.all("*", async (c) => (await routeAgentRequest(c.req.raw, c.env)) ?? c.notFound());
export default app;
