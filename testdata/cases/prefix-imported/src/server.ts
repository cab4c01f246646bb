import { Agent, routeAgentRequest } from "agents";
import { ROUTING_PREFIX } from "./constants";
export class PersonalAgent extends Agent<Env> {}
export default {
  fetch: async (r: Request, env: Env) => (await routeAgentRequest(r, env, { prefix: ROUTING_PREFIX })) ?? new Response(null, { status: 404 }),
};
