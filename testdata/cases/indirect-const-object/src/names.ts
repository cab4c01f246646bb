// One object of agent names, imported where a client connects.
export const AGENT_NAMES = {
  chat: "Chats", // want "unroutable-agent-url" "src/client.tsx:8"
  coder: "CoderAgent",
} as const;
