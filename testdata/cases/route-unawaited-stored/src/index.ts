import { Agent, routeAgentRequest } from "agents";
export class ChatAgent extends Agent<Env> {}

export default {
  async fetch(request: Request, env: Env) {
    const agentResponse = routeAgentRequest(request, env); // want "route-agent-request-unawaited: routeAgentRequest\\(...\\) is used through const agentResponse as a condition"
    if (agentResponse) return agentResponse;
    const awaited = await routeAgentRequest(request, env);
    if (awaited) return awaited;
    const other = routeAgentRequest(request, env);
    return other.then((r) => r ?? new Response("app"));
  },
} satisfies ExportedHandler<Env>;
