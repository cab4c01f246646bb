import { WorkerEntrypoint } from "cloudflare:workers";

class Base extends WorkerEntrypoint<Env> {
  async getUser(id: string) {
    return { id };
  }
}

export class UsersService extends Base {
  audit = async (what: string) => {};
}
