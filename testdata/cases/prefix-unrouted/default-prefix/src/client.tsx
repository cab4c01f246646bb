import { useAgent } from "agents/react";
import PartySocket from "partysocket";

export function Support() {
  const wrong = useAgent({ agent: "SupportAgent", prefix: "chat-api" }); // want "unroutable-agent-url" "/chat-api/support-agent/.*no routing call of .* serves /chat-api/.*remove the prefix option"
  const right = useAgent({ agent: "SupportAgent" });
  // PartySocket's default prefix is /parties/, which this Worker does not route.
  const socket = new PartySocket({ party: "support-agent", host: location.host }); // want "unroutable-agent-url" "/parties/support-agent/"
  return [wrong, right, socket];
}
