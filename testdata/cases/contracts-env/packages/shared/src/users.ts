// Reached by apps/c only through flags.ts's re-export: deeper than c's own imports, so the
// sibling rule stays silent there (the read may belong to a feature of other Workers).
export function lookup(env: { USER_DETAILS: DurableObjectNamespace }, id: string) {
  return env.USER_DETAILS.getByName(id); // want "env-read-unbound" "apps/a/wrangler.jsonc [(]env \"staging\"[)] binds no \"USER_DETAILS\" while the top level binds it [(]durable_objects binding"
}
