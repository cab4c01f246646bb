export default {
  async fetch(_request: Request, _env: Env, ctx: ExecutionContext) {
    return new Response(String(process.env.GREETING) + String(ctx.exports));
  },
} satisfies ExportedHandler<Env>;
