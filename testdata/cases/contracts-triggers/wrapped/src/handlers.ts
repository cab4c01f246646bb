export const handlers = {
  async scheduled(controller: ScheduledController) {},
  async queue(batch: MessageBatch) {},
};
