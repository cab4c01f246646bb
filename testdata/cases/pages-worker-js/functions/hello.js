// ignored by Pages while _worker.js exists: its reads are not the deployment's
export function onRequest({ env }) {
  return new Response(env.ONLY_IN_FUNCTIONS);
}
