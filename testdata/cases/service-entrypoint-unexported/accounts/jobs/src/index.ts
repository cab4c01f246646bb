import { WorkerEntrypoint } from "cloudflare:workers";

export class JobsService extends WorkerEntrypoint<Env> {
  async run() {
    return 1;
  }
}

export default {
  async fetch() {
    return new Response("jobs");
  },
};
