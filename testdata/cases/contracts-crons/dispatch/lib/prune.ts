export const PRUNE_CRON = "52 * * * *"; // want "cron-case-mismatch" "case \"52 \\* \\* \\* \\*\" of the scheduled\\(\\) of dispatch/src/index.ts matches no cron trigger of dispatch/wrangler.jsonc"
