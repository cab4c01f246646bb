// Advanced mode: this Worker replaces functions/.
import { session } from "./session.js";

export default {
  async fetch(request, env) {
    if (new URL(request.url).pathname.startsWith("/api/")) {
      await env.JOBS.send({ at: Date.now() }); // want "pages-binding-missing: env.JOBS, which env \"preview\" does not bind"
      return new Response(await session(env));
    }
    return env.ASSETS.fetch(request);
  },
};
