import { routeAgentRequest } from "agents";
import "./agent"; // the class is imported, not exported: the deploy fails

export default {
  async fetch(request: Request, env: Record<string, unknown>) {
    return (await routeAgentRequest(request, env)) ?? new Response("Not found", { status: 404 });
  },
};
