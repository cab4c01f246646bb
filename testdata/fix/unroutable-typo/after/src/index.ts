import { Agent, routeAgentRequest } from "agents";
import { AgentClient } from "agents/client";
export class ChatAgent extends Agent {}
export const client = (host: string) => new AgentClient({ agent: "ChatAgent", host });
export default {
  fetch: async (req: Request, env: unknown) => (await routeAgentRequest(req, env)) ?? new Response(null, { status: 404 }),
};
