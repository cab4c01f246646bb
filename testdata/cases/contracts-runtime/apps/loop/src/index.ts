import { WorkerEntrypoint } from "cloudflare:workers";

export class Greeter extends WorkerEntrypoint {
  greet(name: string) {
    return "hello " + name;
  }
}

export default {
  async fetch(_request: Request, _env: Env, ctx: ExecutionContext) {
    return new Response(await ctx.exports.Greeter.greet("you")); // want "ctx-exports-unavailable" "before 2025-11-17"
  },
} satisfies ExportedHandler<Env>;
