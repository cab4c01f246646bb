import { defineWorkersConfig } from "@cloudflare/vitest-pool-workers/config";
// An app deployed by the monorepo's own tooling (an Nx plugin), not by a
// script of its package: the tests run against the Worker's own config.
export default defineWorkersConfig({
  test: { poolOptions: { workers: { wrangler: { configPath: "./wrangler.jsonc" } } } },
});
