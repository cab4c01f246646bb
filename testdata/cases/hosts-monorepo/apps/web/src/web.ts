// A front end with no Worker of its own: the host decides which Worker.
export const sockets = [
  new WebSocket("wss://alpha.example.com/agents/chat/lobby"),
  new WebSocket("wss://eu.beta.example.com/agents/chat/lobby"), // want 51 "unroutable-agent-url" "apps/beta/wrangler.jsonc serves"
  new WebSocket("wss://eu.beta.example.com/agents/supportbot/lobby"),
  new WebSocket("wss://alpha-worker.acme.workers.dev/agents/chat/x"),
];
