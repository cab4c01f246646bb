import { Agent } from "agents";
import { agentsMiddleware } from "hono-agents";
import { Server, routePartykitRequest } from "partyserver";
import { Hono } from "hono";
export class SupportAgent extends Agent<Env> {}
export class Lobby extends Server<Env> {}
const app = new Hono<{ Bindings: Env }>();
app.use("*", agentsMiddleware());
app.all("*", async (c) => (await routePartykitRequest(c.req.raw, c.env)) ?? c.notFound());
export default app;
