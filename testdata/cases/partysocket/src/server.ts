import { Server, routePartykitRequest } from "partyserver";
export class Rooms extends Server {}
export class Lobby extends Server {}
export default {
  async fetch(req: Request, env: Record<string, unknown>) {
    return (await routePartykitRequest(req, env)) || new Response("no party", { status: 404 });
  },
};
