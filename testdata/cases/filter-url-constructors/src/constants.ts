export const SUPPORT_URL = "/rooms/supportagent/default";
