export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/oauth/callback") return Response.redirect(new URL("/", url), 302);
    if (url.pathname.startsWith("/api/items")) return Response.json([]); // a JSON route the page fetches: not reported
    if (url.pathname.startsWith("/files/")) return new Response("bytes");
    return new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;
