export const ROUTING_PREFIX = "api/v1/agents";
