import * as Sentry from "@sentry/cloudflare";
import { handlers } from "./handlers";

export default Sentry.withSentry((env: Env) => ({ dsn: env.SENTRY_DSN }), {
  ...handlers,
  async fetch(request: Request) {
    return new Response("wrapped");
  },
} satisfies ExportedHandler<Env>);
