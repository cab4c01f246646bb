import { WorkerEntrypoint } from "cloudflare:workers";

// an RPC entrypoint nobody re-exported yet
export class LedgerService extends WorkerEntrypoint<Env> {
  async post(amount: number) {
    return amount;
  }
}
