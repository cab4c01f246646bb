import { WorkerEntrypoint } from "cloudflare:workers";

export class BillingService extends WorkerEntrypoint<Env> {
  async total(id: string) {
    return id.length;
  }
}

export const version = 1;
