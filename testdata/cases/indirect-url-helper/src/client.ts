import { agentUrl, wsUrl, roomUrl } from "./urls";

function localUrl(id: string) {
  return "/agents/codr-agent/" + id; // want 19 "unroutable-agent-url" "/agents/codr-agent/"
}
const localTemplate = (agent: string) => `/agents/${agent}/default`;
const named = ({ agent }: { agent: string }) => `/agents/${agent}/room`;

export async function run(id: string, host: string) {
  await fetch(agentUrl(id));
  await fetch(agentUrl("second"));
  new WebSocket(wsUrl(host));
  await fetch(new URL(roomUrl("chat-bot", id), "https://example.com")); // want 31 "unroutable-agent-url" "/agents/chat-bot/"
  await fetch(localUrl(id));
  await fetch(localTemplate("coder-agnet")); // want 29 "unroutable-agent-url" "/agents/coder-agnet/"
  await fetch(named({ agent: "chatagent" }));
  await fetch(roomUrl("chat-agent", id));
  await fetch(localTemplate("CoderAgent".toLowerCase().replace("agent", "-agent")));
  return new EventSource(roomUrl(id, "x"));
}
