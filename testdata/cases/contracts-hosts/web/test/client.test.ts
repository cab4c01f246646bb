// tests name URLs on purpose
export const API = "https://api.acme.workers.dev/v1";
