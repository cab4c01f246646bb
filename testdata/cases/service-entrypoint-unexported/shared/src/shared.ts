import { WorkerEntrypoint } from "cloudflare:workers";

export class SharedService extends WorkerEntrypoint {
  async ping() {
    return "pong";
  }
}
