import { YServer } from "y-partyserver";
export class RoomServer extends YServer {}

export default {
  async fetch(request: Request, env: Env) {
    const stub = env.Room.get(env.Room.idFromName("lobby"));
    return stub.fetch(request); // want "agent-stub-without-name"
  },
};
