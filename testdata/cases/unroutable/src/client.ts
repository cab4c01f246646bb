import { AgentClient } from "agents/client";
import PartySocket from "partysocket";

export function open(host: string, id: string) {
  const a = new AgentClient({ agent: "chat-bot", host }); // want 38 "unroutable-agent-url" "closest served namespace is \"chat-agent\""
  const b = new AgentClient({ agent: "ChatAgent", host });
  const c = fetch(`https://${host}/agents/chatagent-v2/${id}`); // want 43 "unroutable-agent-url" "/agents/chatagent-v2/"
  // PartySocket's default prefix is /parties/, which this Worker does not route.
  const d = new PartySocket({ party: "chat-agent", host }); // want "unroutable-agent-url" "no routing call of wrangler.jsonc serves /parties/.*set prefix: \"agents\" in new PartySocket"
  return [a, b, c, d];
}
