export default {
  async fetch(_request: Request, env: { STAGE?: string }) {
    return new Response(env.STAGE ?? "production");
  },
} satisfies ExportedHandler<{ STAGE?: string }>;
