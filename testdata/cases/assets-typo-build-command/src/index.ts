export default { fetch: (req: Request, env: Env) => env.ASSETS.fetch(req) };
