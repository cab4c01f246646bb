export async function health(env: Env): Promise<Response> {
  if (!env.DB) return Response.json({ db: "down" }, { status: 503 });
  return Response.json({ db: "up" });
}
