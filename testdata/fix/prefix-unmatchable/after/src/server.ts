import { Agent, routeAgentRequest } from "agents";
export class CoderAgent extends Agent<Env> {}
export default {
  async fetch(request: Request, env: Env) {
    const api = await routeAgentRequest(request, env, { prefix: "api/agents" });
    if (api) return api;
    const rooms = await routeAgentRequest(request, env, { prefix: "rooms" });
    return rooms ?? (await routeAgentRequest(request, env, { prefix: "v1/agents" })) ?? new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;
