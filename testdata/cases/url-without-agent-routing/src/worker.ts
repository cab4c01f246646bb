import { Agent, getAgentByName } from "agents";
import { Hono } from "hono";

export class IterateAgent extends Agent<Env> {
  redirectUrl(instance: string) {
    return `${this.env.PUBLIC_URL}/agents/IterateAgent/${instance}`;
  }
}

const app = new Hono<{ Bindings: Env }>();
app.all("/api/agents/:name", async (c) => {
  const agent = await getAgentByName(c.env.ITERATE_AGENT, c.req.param("name"));
  return agent.fetch(c.req.raw);
});
export default app;
