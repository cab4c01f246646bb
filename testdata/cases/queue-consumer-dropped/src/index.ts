export default {
  async fetch(request: Request, env: Env) {
    await env.GITHUB_PROCESS_EVENTS_QUEUE.send(await request.json());
    await env.GITLAB_PROCESS_EVENTS_QUEUE.send({ at: Date.now() });
    return new Response("queued");
  },
  async queue(batch: MessageBatch) {
    for (const m of batch.messages) m.ack();
  },
} satisfies ExportedHandler<Env>;
