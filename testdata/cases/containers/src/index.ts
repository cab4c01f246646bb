import { DurableObject } from "cloudflare:workers";
import { Container } from "@cloudflare/containers";
import { BaseBox } from "./base";

export class Box extends BaseBox {
  defaultPort = 8080;
}
export class Kv extends BaseBox {}
// a raw Durable Object that uses ctx.container itself: no Container class, no rule
export class Raw extends DurableObject {
  async fetch(request: Request) {
    this.ctx.container?.start();
    return new Response("ok");
  }
}
export class Plain extends Container<Env> {
  allowedHosts?: string[]; // declared, not set: no interception
}

export default {
  async fetch(request: Request, env: Env) {
    return env.BOX.getByName("main").fetch(request);
  },
} satisfies ExportedHandler<Env>;
