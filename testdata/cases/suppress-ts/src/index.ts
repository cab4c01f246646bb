// wranglint-disable agent-stub-without-name -- nothing to suppress here // want "unused-suppression" "suppresses nothing: agent-stub-without-name reports nothing in this file"
import { Agent, routeAgentRequest } from "agents";

export class Chat extends Agent<Env> {}

export async function fallback(request: Request, env: Env) {
  return routeAgentRequest(request, env) || new Response("Not found", { status: 404 }); // want "route-agent-request-unawaited"
}

export default {
  async fetch(request: Request, env: Env) {
    const re = /\/\/ wranglint-disable-next-line route-agent-request-unawaited/g; // a regular expression, not a directive
    const note = `// wranglint-disable-next-line route-agent-request-unawaited ${re.source}`;
    // wranglint-disable-next-line route-agent-request-unawaited -- this test Worker serves only agents
    return routeAgentRequest(request, env) || new Response(note, { status: 404 });
  },
};
