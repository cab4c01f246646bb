export default {
  async fetch(_request: Request, env: Env) {
    const token = env.API_TOKEN; // a secret set with wrangler secret put: not reported
    const pat = env.GH_PAT; // GH_PATH is another value the code reads too: not a misspelling
    const path = env.GH_PATH;
    const buckets = env.REPORT_BUCKET; // want "env-read-unbound" "binds var \"REPORT_BUCKETS\" and no \"REPORT_BUCKET\": a near miss"
    const rows = await env.Database.prepare("select 1").all(); // want "env-read-unbound" "d1_databases binding \"DATABASE\""
    const mode = import.meta.env.MODE; // a bundler's build-time value, not a binding
    return Response.json({ token, pat, path, buckets, rows, mode });
  },
} satisfies ExportedHandler<Env>;
