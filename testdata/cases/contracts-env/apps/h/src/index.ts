type Env = {
  USAGE_METER?: Fetcher;
  SEARCH_INDEX?: VectorizeIndex;
  CACHE: KVNamespace;
  FLAGS?: KVNamespace;
  SESSIONS: KVNamespace;
  UPLOADS?: R2Bucket;
  RATE_LIMIT_ENABLED?: string;
  REGION?: string;
  LOG_LEVEL?: string;
};

export default {
  async fetch(request: Request, env: Env) {
    const meter = env.USAGE_METER; // tested below: optional
    if (meter) await meter.fetch("https://billing/record", { method: "POST" });
    const limited = (env.RATE_LIMIT_ENABLED ?? "false") === "true";
    const hits = env.SEARCH_INDEX ? await env.SEARCH_INDEX.query([0.1, 0.2]) : null;
    const flag = await env.FLAGS?.get("beta");
    const { UPLOADS } = env;
    const uploads = typeof UPLOADS === "undefined" ? [] : await UPLOADS.list();
    const region = env.REGION !== undefined ? env.REGION : "auto";
    const level = env.LOG_LEVEL || "info"; // want "env-read-unbound" "binds var \"LOGLEVEL\" and no \"LOG_LEVEL\": a near miss"
    const cached = await env.CACHE.get("k");
    const session = await env.SESSIONS.get("s"); // want "env-read-unbound" "binds no \"SESSIONS\" while the top level binds it"
    return Response.json({ limited, hits, flag, uploads, region, level, cached, session });
  },
} satisfies ExportedHandler<Env>;
