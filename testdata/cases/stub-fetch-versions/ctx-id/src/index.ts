// partyserver 0.5.0 reads ctx.id.name and nothing stored: an idFromString()
// id carries no name.
import { Server } from "partyserver";
export class Room extends Server {}
export default {
  async fetch(request: Request, env: { Room: DurableObjectNamespace }) {
    const url = new URL(request.url);
    if (url.pathname === "/named") return env.Room.get(env.Room.idFromName("lobby")).fetch(request);
    return env.Room.get(env.Room.idFromString(url.searchParams.get("id") ?? "")).fetch(request); // want "agent-stub-without-name" "idFromString\\(\\) carries no name, and the installed partyserver 0.5.0 reads the name only from ctx.id.name, so the agent fails with \"Cannot determine the name for Room\""
  },
};
