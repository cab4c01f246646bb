import { DurableObject } from "cloudflare:workers";

export class Room extends DurableObject<Env> {}

export default {
  async fetch(request: Request, env: Env) {
    const { ROOMS } = env; // want "env-read-unbound" "add it to env \"production\""
    return ROOMS.getByName("lobby").fetch(request);
  },
} satisfies ExportedHandler<Env>;
