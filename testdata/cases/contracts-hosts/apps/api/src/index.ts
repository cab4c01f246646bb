import { probe } from "./probe";

const BASE = "https://api.example.com";

export default {
  async fetch(request: Request) {
    const upstream = await fetch(new Request("https://web.example.com/render", request)); // another Worker's custom domain
    return upstream;
  },
  async scheduled(_controller: ScheduledController, _env: Env, ctx: ExecutionContext) {
    ctx.waitUntil(probe());
    await fetch(`${BASE}/v1/health`); // want "fetch-own-custom-domain" "its own custom domain in apps/api/wrangler.jsonc:"
    await fetch("https://staging-api.example.com/ping"); // a zone route: the fetch goes to its origin, as routes intend
  },
} satisfies ExportedHandler<Env>;
