import { Agent, routeAgentRequest } from "agents";

export class CoderAgent extends Agent {}

export default {
  async fetch(request: Request, env: unknown) {
    return (await routeAgentRequest(request, env)) ?? new Response("not found", { status: 404 });
  },
};

// Only env.staging's routes cover this host.
export function connectStaging() {
  return new WebSocket("wss://staging.coder.example.com/agents/coderagent/default");
}
