export async function session(env) {
  return (await env.SESSIONS.get("s")) ?? ""; // want "pages-binding-missing: env.SESSIONS, which env \"production\" does not bind"
}
