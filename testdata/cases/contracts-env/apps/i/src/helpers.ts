// These helpers use what they are given without testing it: only the
// config's comments explain why staging may leave the bindings out.
export async function search(index: VectorizeIndex, discovery: Fetcher) {
  const hits = await index.query([0.1]);
  return hits.count > 0 ? hits : discovery.fetch("https://discovery/search");
}
export async function limit(limiter: RateLimit, request: Request) {
  return limiter.limit({ key: request.headers.get("cf-connecting-ip") ?? "" });
}
export async function revalidate(key: SecretsStoreSecret) {
  await fetch("https://example.com/revalidate", { headers: { authorization: await key.get() } });
}
