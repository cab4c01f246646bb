import { searchEnabled, lookup } from "@shared/flags";

export default {
  async fetch(request: Request, env: Env) {
    await env.CACHE.put("seen", "1");
    if (!searchEnabled(env)) return new Response("off");
    return lookup(env, "c").fetch(request);
  },
} satisfies ExportedHandler<Env>;
