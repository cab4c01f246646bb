import * as Sentry from "@sentry/cloudflare";
import { RoomServer as PartyServer, Chat } from "./room";
export { PartyServer };

const Instrumented = Sentry.instrumentDurableObjectWithSentry((env: Env) => ({ dsn: env.SENTRY_DSN }), Chat) as typeof Chat;
export { Instrumented as ChatServer };

export default {
  async fetch(request: Request, env: Env) {
    if (new URL(request.url).pathname === "/chat") {
      return env.Chat.get(env.Chat.idFromName("lobby")).fetch(request); // want "agent-stub-without-name"
    }
    const stub = env.Room.get(env.Room.idFromName("lobby"));
    return stub.fetch(request); // want "agent-stub-without-name"
  },
};
