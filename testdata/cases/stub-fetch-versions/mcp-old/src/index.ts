import { McpAgent } from "agents/mcp";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";

export class MyMcp extends McpAgent<Env> {
  server = new McpServer({ name: "demo", version: "1.0.0" });
  async init() {}
}

type Env = { MCP_AGENT: DurableObjectNamespace };

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    if (new URL(request.url).pathname === "/status") {
      // agents 0.0.74: McpAgent extends DurableObject and answers fetch itself; no name is needed
      return env.MCP_AGENT.get(env.MCP_AGENT.idFromName("status")).fetch(request);
    }
    return MyMcp.serve("/mcp", { binding: "MCP_AGENT" }).fetch(request, env, ctx);
  },
};
