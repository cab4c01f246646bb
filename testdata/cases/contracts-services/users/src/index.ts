import { DurableObject, WorkerEntrypoint } from "cloudflare:workers";
export { UsersService } from "./service";

export class AdminsService extends WorkerEntrypoint<Env> {
  async promote(id: string) {}
}

export class Counter extends DurableObject<Env> {}

export default {
  async fetch() {
    return new Response("users");
  },
};
