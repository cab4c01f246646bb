export async function onRequestGet({ env }: EventContext<Env, string, unknown>) {
  const cached = await env.Cache.get("k"); // want "pages-binding-missing: the Pages functions read env.Cache, which no deployment binds, but the config binds \"CACHE\""
  return new Response(cached ?? "");
}
