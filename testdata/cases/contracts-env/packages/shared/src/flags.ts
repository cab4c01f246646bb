import { lookup } from "./users";

export function searchEnabled(env: { FEATURE_SEARCH?: string }) {
  return env.FEATURE_SEARCH === "on"; // want "env-read-sibling-binding" "Worker \"c\" [(]apps/c/wrangler.toml[)] runs but binds in no environment, while apps/a/wrangler.jsonc and other Workers"
}

export { lookup };
