export function lookup(env: { USER_DETAILS: DurableObjectNamespace }, id: string) {
  return env.USER_DETAILS.getByName(id); // want "env-read-unbound" "apps/a/wrangler.jsonc [(]env \"staging\"[)] binds no \"USER_DETAILS\" while the top level binds it [(]durable_objects binding" "env-read-sibling-binding" "durable_objects binding \"USER_DETAILS\""
}
