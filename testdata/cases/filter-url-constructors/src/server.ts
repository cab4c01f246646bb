import { Agent, routeAgentRequest } from "agents";
export class SupportAgent extends Agent<Env> {}
export default {
  async fetch(request: Request, env: Env) {
    return (await routeAgentRequest(request, env, { prefix: "rooms" })) ?? new Response("not found", { status: 404 });
  },
};
