import { Agent, routeAgentRequest } from "agents";

/** The chat agent. */
abstract class Base extends Agent<Env> {}
export class Chat extends Base {}

export default {
  fetch: async (r: Request, env: Env) => (await routeAgentRequest(r, env)) ?? new Response(null, { status: 404 }),
};
