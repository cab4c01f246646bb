import { Agent, routeAgentRequest } from "agents";

export class CoderAgent extends Agent {}

export default {
  async fetch(request: Request, env: unknown) {
    return (await routeAgentRequest(request, env)) ?? new Response("not found", { status: 404 });
  },
};
