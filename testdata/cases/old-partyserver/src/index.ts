import { Server, routePartykitRequest, getServerByName } from "partyserver";
export class Room extends Server {}
export default {
  async fetch(request: Request, env: { Room: DurableObjectNamespace }) {
    const { pathname } = new URL(request.url);
    if (pathname === "/direct") {
      const stub = env.Room.get(env.Room.idFromName("lobby"));
      return stub.fetch(request); // lobby is named by the routed requests below, and 0.4.1 reloads the name
    }
    if (pathname === "/by-id") {
      return env.Room.get(env.Room.idFromString(pathname.slice(7))).fetch(request); // the same, for an instance named before
    }
    if (pathname === "/fresh") {
      return env.Room.get(env.Room.newUniqueId()).fetch(request); // want "agent-stub-without-name" "nothing has named, so the installed partyserver 0.4.1 fails with \"Missing namespace or room headers when connecting to Room\""
    }
    if (pathname === "/named") {
      return (await getServerByName(env.Room, "lobby")).fetch(request);
    }
    return (await routePartykitRequest(request, env)) ?? new Response(null, { status: 404 });
  },
};
