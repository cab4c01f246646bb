import { defineWorkersConfig } from "@cloudflare/vitest-pool-workers/config";
// A library's tests: its wrangler.jsonc is never deployed.
export default defineWorkersConfig({
  test: { poolOptions: { workers: { wrangler: { configPath: "./wrangler.jsonc" } } } },
});
