import { routeAgentRequest } from "agents";
import { forward } from "./forward";
export { Chat } from "./chat";

export default {
  async fetch(request: Request, env: Env) {
    if (new URL(request.url).pathname === "/direct") return forward(request, env);
    return (await routeAgentRequest(request, env)) ?? new Response("not found", { status: 404 });
  },
};
