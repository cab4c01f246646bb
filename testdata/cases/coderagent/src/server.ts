import { Agent, routeAgentRequest } from "agents";

export class CoderAgent extends Agent<Env> {
  async onMessage(connection: unknown, message: string) {
    await this.setState({ last: message });
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    return (await routeAgentRequest(request, env)) ?? new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;
