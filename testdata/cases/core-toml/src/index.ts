import { Agent, routeAgentRequest } from "agents";
import { useAgent } from "agents/react";
export class Chat extends Agent {}
export class Beta {}
export const beta = () => useAgent({ agent: "BetaAgent" }); // want "unroutable-agent-url" "no Durable Object binding of wrangler.toml serves: the same client ships with every environment.*env \"staging\" of wrangler.toml serves it"
export const typo = () => useAgent({ agent: "Chats" }); // want "unroutable-agent-url: /agents/chats/"
export default { fetch: async (r: Request, env: unknown) => (await routeAgentRequest(r, env)) ?? new Response(null, { status: 404 }) };
