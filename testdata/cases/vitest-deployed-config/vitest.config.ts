import { defineWorkersConfig } from "@cloudflare/vitest-pool-workers/config";
// As vitest-pool-workers' docs set it up: the tests run against the Worker's own config.
export default defineWorkersConfig({
  test: { poolOptions: { workers: { wrangler: { configPath: "./wrangler.jsonc" } } } },
});
