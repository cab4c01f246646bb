import { search, limit, revalidate } from "./helpers";

export default {
  async fetch(request: Request, env: Env) {
    const hits = await search(env.RELEASES_INDEX, env.DISCOVERY);
    await limit(env.PUBLIC_LIMITER, request);
    await revalidate(env.WEB_SERVICE_KEY);
    const cached = await env.CACHE.get("k");
    const session = await env.SESSIONS.get("s"); // want "env-read-unbound" "binds no \"SESSIONS\" while the top level binds it"
    return Response.json({ hits, cached, session });
  },
} satisfies ExportedHandler<Env>;
