// A front end: no Worker of its own.
export const API = "https://api.acme.workers.dev/v1"; // want "workers-dev-url-disabled" "workers.dev URL of Worker \"api\", but apps/api/wrangler.jsonc [(]Worker \"api\"[)] deploys with workers.dev off"
export const WEB = "https://web.acme.workers.dev/"; // workers_dev: true
export const TOOLS = `https://tools.acme.workers.dev/run`; // no routes: on by default
export const OTHER = "https://billing.acme.workers.dev/"; // no Worker of the repository
export const PREVIEW = "https://v2-api.acme.workers.dev/"; // a preview URL, not <name>.<subdomain>
export const STAGING = "https://api-staging.acme.workers.dev/"; // want "workers-dev-url-disabled" "Worker \"api-staging\""
