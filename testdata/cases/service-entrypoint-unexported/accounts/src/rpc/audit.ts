import { WorkerEntrypoint } from "cloudflare:workers";

export default class AuditService extends WorkerEntrypoint<Env> {
  async log(line: string) {
    console.log(line);
  }
}
