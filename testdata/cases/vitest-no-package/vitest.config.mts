import { defineWorkersConfig } from "@cloudflare/vitest-pool-workers/config";

// the deployed config is also the one the tests run against (the documented default)
export default defineWorkersConfig({
  test: { poolOptions: { workers: { wrangler: { configPath: "./wrangler.jsonc" } } } },
});
