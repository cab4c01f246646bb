import { routeAgentRequest } from "agents";
export class ChatRoom {}
export class SupportBot {}
export default { fetch: async (r: Request, env: unknown) => (await routeAgentRequest(r, env)) ?? new Response(null, { status: 404 }) };
