import { WorkerEntrypoint } from "cloudflare:workers";

export class Sessions extends WorkerEntrypoint {
  async check(token: string) {
    return token.length > 0;
  }
}

export default {
  async fetch() {
    return new Response("auth");
  },
  async scheduled() {},
};
