import { Agent } from "agents";

// the base answers its own task paths before the SDK's fetch
export abstract class CoreAgent extends Agent<Env> {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/delegate" && request.method === "POST") {
      return Response.json({ ok: true });
    }
    if (url.pathname.startsWith("/tasks/")) {
      return Response.json({ tasks: [] });
    }
    const resolve = url.pathname.match(/^\/jobs\/([^/]+)\/resolve$/);
    if (resolve) {
      return Response.json({ resolved: resolve[1] });
    }
    return super.fetch(request);
  }
}
