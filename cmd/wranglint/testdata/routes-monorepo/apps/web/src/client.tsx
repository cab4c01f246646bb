import { useAgent } from "agents/react";
import { AgentClient } from "agents/client";

export function App() {
  const chat = useAgent({ agent: "Chat", host: "api.example.com", name: "room" });
  const bot = new AgentClient({ agent: "support-bot", host: "api.example.com", name: "help" });
  const staging = useAgent({ agent: "chat", host: "staging.example.com" });
  fetch("https://api.example.com/agents/billing-agent/default");
  return [chat, bot, staging];
}
