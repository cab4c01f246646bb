import { Agent, routeAgentRequest } from "agents";
export class Chat extends Agent<Env> {}
export class CoderAgent extends Agent<Env> {}
export class Helper extends Agent<Env> {}
export default {
  async fetch(request: Request, env: Env) {
    return (await routeAgentRequest(request, env)) ?? new Response("not found", { status: 404 });
  },
};
