export default {
  async scheduled(controller: ScheduledController, env: Env) {},
};
