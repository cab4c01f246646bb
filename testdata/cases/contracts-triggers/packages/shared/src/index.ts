import { WorkerEntrypoint } from "cloudflare:workers";

export abstract class Scheduled extends WorkerEntrypoint<Env> {
  async scheduled(controller: ScheduledController) {}
}
