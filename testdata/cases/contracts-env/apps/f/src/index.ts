export default {
  async fetch(_request: Request, env: Env) {
    // set at deploy time, a credential, a declared secret: may be set out of band where the config lacks them
    return Response.json({ e: env.ENVIRONMENT, release: env.GIT_HASH, dsn: env.SENTRY_DSN, region: env.REGION });
  },
} satisfies ExportedHandler<Env>;
