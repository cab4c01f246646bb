export async function session(env) {
  if (env.LOCAL_TRACE) console.log("session"); // bound only where no deployment reads it: silent
  return (await env.SESSIONS.get("s")) ?? ""; // want "pages-binding-missing: env.SESSIONS, which env \"production\" does not bind"
}
