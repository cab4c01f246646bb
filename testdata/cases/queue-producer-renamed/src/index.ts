export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.searchParams.has("id") && env.ARTICLE_PROCESSING_QUEUE) {
      await env.ARTICLE_PROCESSING_QUEUE.send({ id: url.searchParams.get("id") }); // want "queue-send-unbound" "never sends: \"ARTICLE_PROCESSING_QUEUE\" is not bound there.*the one queue producer binding there that the code never names is \"ARTICLE_QUEUE\""
    }
    await env.EVENTS.send({ seen: url.pathname });
    return new Response("ok");
  },
} satisfies ExportedHandler<Env>;
