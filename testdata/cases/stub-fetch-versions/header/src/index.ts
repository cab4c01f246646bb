// partyserver 0.0.42 - 0.2.x learn the name only from the routing header:
// a direct fetch fails whatever the id, whenever the instance starts.
import { Server } from "partyserver";
export class Room extends Server {}
export default {
  async fetch(request: Request, env: { Room: DurableObjectNamespace }) {
    return env.Room.get(env.Room.idFromName("lobby")).fetch(request); // want "agent-stub-without-name" "the installed partyserver 0.2.0 learns the name only from the routing header.*; use getServerByName\\(env.Room, name\\) \\(or routePartykitRequest\\)"
  },
};
