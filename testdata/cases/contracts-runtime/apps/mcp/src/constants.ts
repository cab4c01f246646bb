export const DEV = process.env.NODE_ENV === "development"; // replaced by wrangler's build
export const BASE_URL = process.env.POSTHOG_BASE_URL || (DEV ? "http://localhost:8010" : "https://us.posthog.com"); // want 37 "process-env-unpopulated" "process.env.POSTHOG_BASE_URL is always undefined in apps/mcp/wrangler.jsonc: compatibility_date \"2025-03-10\" is before 2025-04-01"
export const { TEAM } = process.env; // want "process-env-unpopulated" "defines it in vars"
