export const FRESHNESS_CRON = "46 * * * *";
export const EVERY_MINUTE = "* * * * *";
