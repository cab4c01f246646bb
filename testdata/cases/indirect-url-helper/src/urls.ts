export function agentUrl(id: string) {
  return "/agents/chat-agnet/" + id; // want 19 "unroutable-agent-url" "/agents/chat-agnet/"
}
export const wsUrl = (host: string) => `wss://${host}/agents/coder-agent/default`;
export const roomUrl = (agent: string, room: string) => `/agents/${agent}/${room}`;
