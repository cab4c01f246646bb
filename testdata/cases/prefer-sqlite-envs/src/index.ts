import { DurableObject } from "cloudflare:workers";
export class Counter extends DurableObject {}
export default {
  async fetch() {
    return new Response("ok");
  },
} satisfies ExportedHandler<Env>;
