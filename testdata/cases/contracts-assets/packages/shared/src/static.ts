export function serveStatic(request: Request, env: { ASSETS: Fetcher }) {
  return env.ASSETS.fetch(request);
}
