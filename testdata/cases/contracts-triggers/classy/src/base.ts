import { WorkerEntrypoint } from "cloudflare:workers";

export class Base extends WorkerEntrypoint<Env> {
  async fetch() {
    return new Response("classy");
  }
  async queue(batch: MessageBatch) {}
}
