export { read as readSession } from "./kv";

export function flag(v: string | undefined): boolean {
  return v === "true";
}

export async function cached(kv: KVNamespace | undefined, key: string): Promise<string | null> {
  if (!kv) return null;
  return kv.get(key);
}

export function limiters(o: { limiter?: RateLimit }): boolean {
  return o.limiter !== undefined;
}

export function openDb(d1: D1Database) {
  return d1.prepare("select 1");
}
