export default {
  async queue(batch: MessageBatch) {},
};
