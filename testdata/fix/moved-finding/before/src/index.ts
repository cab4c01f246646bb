import { routeAgentRequest } from "agents";
import { AgentClient } from "agents/client";
import { CoderAgent } from "./coder";

const PEER = "coderagent";
export const peer = (host: string) => new AgentClient({ agent: PEER, host });

export default {
  async fetch(request: Request, env: Env) {
    void CoderAgent;
    return (await routeAgentRequest(request, env)) ?? new Response("Not found", { status: 404 });
  },
};
