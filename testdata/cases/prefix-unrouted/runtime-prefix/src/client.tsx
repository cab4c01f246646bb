import { useAgent } from "agents/react";

export function Support() {
  return useAgent({ agent: "SupportAgent", prefix: "chat-api" });
}
