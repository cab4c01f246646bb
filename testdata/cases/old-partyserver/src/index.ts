import { Server, routePartykitRequest, getServerByName } from "partyserver";
export class Room extends Server {}
export default {
  async fetch(request: Request, env: { Room: DurableObjectNamespace }) {
    if (new URL(request.url).pathname === "/direct") {
      const stub = env.Room.get(env.Room.idFromName("lobby"));
      return stub.fetch(request); // want "agent-stub-without-name: the installed partyserver 0.4.1 learns the name only from the routing header"
    }
    if (new URL(request.url).pathname === "/named") {
      return (await getServerByName(env.Room, "lobby")).fetch(request);
    }
    return (await routePartykitRequest(request, env)) ?? new Response(null, { status: 404 });
  },
};
