export default {
  async fetch(request: Request, env: Env) {
    const fromStatic = await env.STATIC.fetch(request); // want "env-read-unbound" "env \"staging\"[)] binds no \"STATIC\" while the top level and env \"prod\" bind it [(]assets binding \"STATIC\"[)]: an environment.s own assets replaces"
    if (fromStatic.status !== 404) return fromStatic;
    return env.ASSETS.fetch(request); // want "assets-binding-missing" "apps/site/wrangler.jsonc [(]the top level, env \"staging\" and env \"prod\"[)] binds no ASSETS"
  },
} satisfies ExportedHandler<Env>;
