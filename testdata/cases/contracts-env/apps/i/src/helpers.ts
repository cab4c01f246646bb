export async function search(index: VectorizeIndex | undefined, discovery: Fetcher | undefined) {
  return index ? index.query([0.1]) : discovery ? discovery.fetch("https://discovery/search") : null;
}
export async function limit(limiter: RateLimit | undefined, request: Request) {
  return limiter ? limiter.limit({ key: request.headers.get("cf-connecting-ip") ?? "" }) : { success: true };
}
export async function revalidate(key: SecretsStoreSecret | undefined) {
  if (!key) return;
  await fetch("https://example.com/revalidate", { headers: { authorization: await key.get() } });
}
