import { Agent, routeAgentRequest } from "agents";
export class Sequential extends Agent<Env> {}
export class Routing extends Agent<Env> {}
export class Parallel extends Agent<Env> {}
export default {
  async fetch(request: Request, env: Env) {
    return (await routeAgentRequest(request, env)) ?? new Response("not found", { status: 404 });
  },
};
