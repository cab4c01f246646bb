export function apiBase(): string {
  return process.env.API_BASE_URL ?? "https://api.example.com"; // want "process-env-unpopulated"
}

// exported, but apps/api never imports it: the read never runs there
export function createClient() {
  return { model: process.env.OPENROUTER_MODEL ?? "default" };
}
