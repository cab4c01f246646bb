import { searchEnabled, lookup } from "@shared/flags";

export default {
  async fetch(request: Request, env: Env) {
    const mode = process.env.MODE; // process.env, not a binding read
    if (!searchEnabled(env)) return new Response("off " + mode);
    return lookup(env, new URL(request.url).pathname).fetch(request);
  },
} satisfies ExportedHandler<Env>;
