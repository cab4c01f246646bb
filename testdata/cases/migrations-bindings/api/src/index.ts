import { DurableObject } from "cloudflare:workers";

export class Room extends DurableObject {}
export class SessionsV2 extends DurableObject {}
export class Sessions extends DurableObject {}
export class Legacy extends DurableObject {}
export class Scratch extends DurableObject {}

export default {
  async fetch(request: Request, env: Env) {
    return env.ROOM.getByName("lobby").fetch(request);
  },
} satisfies ExportedHandler<Env>;
