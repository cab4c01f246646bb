import { WorkerEntrypoint } from "cloudflare:workers";

export class UsersService extends WorkerEntrypoint<Env> {
  async get(id: string) {
    return { id };
  }
}
