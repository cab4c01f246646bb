import { serveStatic } from "../../../packages/shared/src/static";
import { fallback } from "./own";

export default {
  async fetch(request: Request, env: Env) {
    if (request.method === "PUT") return serveStatic(request, env); // shared code: other Workers may bind ASSETS
    return fallback(request, env);
  },
} satisfies ExportedHandler<Env>;
