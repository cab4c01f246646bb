export function apiBase(): string {
  return process.env.API_BASE_URL ?? "https://api.example.com"; // want "process-env-unpopulated"
}
