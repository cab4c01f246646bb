import { Agent, routeAgentRequest } from "agents";

export class Chat extends Agent<Env> {}
export class SupportBot extends Agent<Env> {}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    return (await routeAgentRequest(request, env)) ?? new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;
