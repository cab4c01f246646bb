import { routeAgentRequest } from "agents";
import { AIChatAgent } from "@cloudflare/ai-chat";
import { McpAgent } from "agents/mcp";
import { BaseAgent } from "./base";

export class Chat extends AIChatAgent<Env> {}
export class SupportAgent extends BaseAgent<Env> {
  async connectDocs() {
    await this.addMcpServer("docs", "https://docs.example.com/mcp"); // its OAuth callback is /agents/support-agent/...
  }
}
export class CoderAgent extends BaseAgent<Env> {}
export class MyAIAgent extends BaseAgent<Env> {}
export class Sub extends BaseAgent<Env> {}
export class MyMCP extends McpAgent {}
export class WeatherMCP extends McpAgent {}
export class Counter {}

const mcp = MyMCP.serve("/mcp"); // want "mcp-binding-missing: MyMCP.serve\\(\\) looks up the Durable Object binding \"MCP_OBJECT\""
const mcpOk = MyMCP.serve("/mcp2", { binding: "MCP" });
const sse = MyMCP.serveSSE("/sse", { binding: "MCP_SSE" }); // want "mcp-binding-missing: \"MCP_SSE\""

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/mcp")) return mcp.fetch(request, env, ctx) ?? mcpOk.fetch(request, env, ctx) ?? sse.fetch(request, env, ctx);
    if (url.pathname === "/direct") {
      const named = env.Chat.get(env.Chat.idFromName("x"));
      await named.fetch(request); // agents 0.32 reads ctx.id.name: fine
      const id = env.Chat.newUniqueId();
      return env.Chat.get(id).fetch(request); // want "agent-stub-without-name: env.Chat is fetched directly: an id from newUniqueId\\(\\) addresses a new instance"
    }
    if (url.pathname === "/counter") {
      return env.Counter.get(env.Counter.newUniqueId()).fetch(request); // not an agent: fine
    }
    return routeAgentRequest(request, env) || new Response("Not found", { status: 404 }); // want "route-agent-request-unawaited: as the left operand of \\|\\|"
  },
};

export async function ok(request: Request, env: Env) {
  return (await routeAgentRequest(request, env)) || new Response("Not found", { status: 404 });
}
