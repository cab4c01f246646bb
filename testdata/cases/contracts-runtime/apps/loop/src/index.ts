import { WorkerEntrypoint } from "cloudflare:workers";
import { viaLoopback } from "./guarded";

export class Greeter extends WorkerEntrypoint {
  greet(name: string) {
    return "hello " + name;
  }
}

export default {
  async fetch(_request: Request, _env: Env, ctx: ExecutionContext) {
    if (_request.url.endsWith("/guarded")) return new Response(await viaLoopback(ctx));
    return new Response(await ctx.exports.Greeter.greet("you")); // want "ctx-exports-unavailable" "before 2025-11-17"
  },
} satisfies ExportedHandler<Env>;
