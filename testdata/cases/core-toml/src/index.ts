import { routeAgentRequest } from "agents";
import { useAgent } from "agents/react";
export class Chat {}
export class Beta {}
export const beta = () => useAgent({ agent: "BetaAgent" }); // served in env.staging only: fine
export const typo = () => useAgent({ agent: "Chats" }); // want "unroutable-agent-url: /agents/chats/"
export default { fetch: async (r: Request, env: unknown) => (await routeAgentRequest(r, env)) ?? new Response(null, { status: 404 }) };
