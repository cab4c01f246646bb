import { Agent, routeAgentRequest } from "agents";
export class CoderAgent extends Agent {}
export default {
  fetch: async (req: Request, env: unknown) => (await routeAgentRequest(req, env)) ?? new Response(null, { status: 404 }),
};
