import { routeAgentRequest } from "agents";
import { BaseAgent, BaseStore, PlainAgent } from "@acme/agents-core";

export class SupportAgent extends BaseAgent<Env> {
  prompt() {
    return "support";
  }
}
export class HelpAgent extends BaseAgent<Env> {
  prompt() {
    return "help";
  }
}
export class Plain extends PlainAgent<Env> {}
export class Notes extends BaseStore<Env> {}
export { ReadyAgent } from "@acme/agents-core";

export default {
  async fetch(request: Request, env: Env) {
    return (await routeAgentRequest(request, env)) ?? new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;
