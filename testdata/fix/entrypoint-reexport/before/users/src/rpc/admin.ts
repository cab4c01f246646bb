import { WorkerEntrypoint } from "cloudflare:workers";

export default class AdminService extends WorkerEntrypoint<Env> {
  async check(id: string) {
    return id === "1";
  }
}
