export function fallback(request: Request, env: Env) {
  const { ASSETS } = env; // want "assets-binding-missing" "apps/api/wrangler.jsonc binds no ASSETS"
  return ASSETS.fetch(request);
}
