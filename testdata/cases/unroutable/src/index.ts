import { AIChatAgent } from "agents/ai-chat-agent";
import { routeAgentRequest } from "agents";
export class ChatAgent extends AIChatAgent {}
export default {
  fetch: async (req: Request, env: unknown) => (await routeAgentRequest(req, env)) ?? new Response(null, { status: 404 }),
};
