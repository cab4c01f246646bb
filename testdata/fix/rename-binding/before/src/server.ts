import { Agent, routeAgentRequest, getAgentByName } from "agents";

export class CoderAgent extends Agent<Env> {
  async onRequest() {
    const peer = this.env["CoderAgent"];
    return new Response(String(peer));
  }
}

export default {
  async fetch(request: Request, env: Env) {
    const { CoderAgent } = env;
    if (new URL(request.url).pathname === "/warm") {
      await getAgentByName(env.CoderAgent, "default");
      return new Response(String(CoderAgent));
    }
    return (await routeAgentRequest(request, env)) ?? new Response("not found", { status: 404 });
  },
};
