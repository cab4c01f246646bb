import { Agent, routeAgentRequest } from "agents";
export class ChatAgent extends Agent<Env> {}
export class CoderAgent extends Agent<Env> {}
export default { fetch: async (r: Request, env: Env) => (await routeAgentRequest(r, env)) ?? new Response(null, { status: 404 }) };
