export default {
  async fetch(request: Request, env: Env) {
    const cached = await env.Store.get(new URL(request.url).pathname); // want "env-read-unbound" "wrangler.preview.jsonc binds no" "env-read-unbound" "wrangler.staging.jsonc binds no"
    if (env.FEATURE) return new Response("feature");
    return new Response(cached ?? env.MODE + env.API_TOKEN);
  },
} satisfies ExportedHandler<Env>;
