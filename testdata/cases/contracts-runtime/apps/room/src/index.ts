import { DurableObject } from "cloudflare:workers";

export class Room extends DurableObject<Env> {
  async fetch() {
    const self = this.ctx.exports.Room; // want "ctx-exports-unavailable" "disable_ctx_exports"
    return new Response(String(self));
  }
}

export default {
  async fetch(request: Request, env: Env) {
    return env.ROOM.getByName("lobby").fetch(request);
  },
} satisfies ExportedHandler<Env>;
