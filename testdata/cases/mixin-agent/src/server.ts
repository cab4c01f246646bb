import { AIChatAgent } from "agents/ai-chat-agent";
import { routeAgentRequest } from "agents";
import { extend } from "flumix";
import { AuthAgent, OwnedAgent } from "@acme/auth";

const SuperAgent = extend(AIChatAgent<Env>).with(AuthAgent).with(OwnedAgent).build();
export class Chat extends SuperAgent {}

export default {
  fetch: async (r: Request, env: Env) => (await routeAgentRequest(r, env)) ?? new Response(null, { status: 404 }),
};
