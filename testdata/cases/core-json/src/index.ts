import { routeAgentRequest } from "agents";
import { Lobby } from "./lobby";
export class Room {}
export const ws = new WebSocket("wss://core-json.acme.workers.dev/agents/lobby/main"); // want "unroutable-agent-url: /agents/lobby/"
export default { fetch: async (r: Request, env: unknown) => (await routeAgentRequest(r, env)) ?? new Response(String(Lobby)) };
