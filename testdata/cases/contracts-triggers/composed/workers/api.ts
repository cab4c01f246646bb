export default {
  async fetch(request: Request) {
    return new Response("api");
  },
  async scheduled(controller: ScheduledController) {},
  async queue(batch: MessageBatch) {
    for (const m of batch.messages) m.ack();
  },
};
