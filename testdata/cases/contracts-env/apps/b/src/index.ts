import { searchEnabled, lookup } from "@shared/flags";

export default {
  async fetch(request: Request, env: Env) {
    if (!searchEnabled(env)) return new Response("off");
    return lookup(env, "b").fetch(request);
  },
} satisfies ExportedHandler<Env>;
