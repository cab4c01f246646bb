import { Agent } from "agents";
export class Chat extends Agent<Env> {}
export default {
  async fetch(request: Request, env: Env) {
    if (request.method === "POST") return env.Chat.get(env.Chat.newUniqueId()).fetch(request); // want "agent-stub-without-name" "agents 0.8.0 \\(through the partyserver it depends on\\) fails"
    return env.Chat.get(env.Chat.idFromName("support")).fetch(request);
  },
} satisfies ExportedHandler<Env>;
