import { WorkerEntrypoint } from "cloudflare:workers";
import { rooms } from "./rooms";

// declared here, but not exported: the runtime cannot see it
class LocalService extends WorkerEntrypoint<Env> {
  async ping() {
    return "pong";
  }
}

export default {
  async fetch() {
    return new Response(String(rooms) + LocalService.name);
  },
};
