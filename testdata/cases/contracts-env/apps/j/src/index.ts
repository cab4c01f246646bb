import { cached, flag, limiters, openDb } from "./helpers";
import * as kv from "./kv";

// Each read hands the binding to a function of the project: a function
// that tests its parameter makes the binding optional; one that uses it
// as it is does not.
function region(value: string | undefined) {
  return value ?? "auto";
}
function upper(value: string) {
  return value.toUpperCase();
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const noIndex = flag(env.INDEXING_DISABLED);
    const limited = limiters({ limiter: env.LIMITER });
    const body = await cached(env.CACHE, new URL(request.url).pathname);
    const where = region(env.REGION);
    const session = await kv.read(env.SESSIONS, "s");
    const db = openDb(env.DB); // want "env-read-unbound" "binds no \"DB\" while the top level binds it"
    const shout = upper(env.MODE ?? "x");
    return Response.json({ noIndex, limited, body, where, session, db, shout });
  },
} satisfies ExportedHandler<Env>;
