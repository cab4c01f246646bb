import { health } from "./health";

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (new URL(request.url).pathname === "/health") return health(env);
    const cached = env.CACHE ? await env.CACHE.get("k") : null; // staging runs without a cache: tested
    const row = await env.DB.prepare("select 1").first(); // want "env-read-unbound" "binds d1_databases binding \"DB_STAGING\", which the code never reads, and no \"DB\": the binding was renamed there"
    return Response.json({ cached, row });
  },
} satisfies ExportedHandler<Env>;
