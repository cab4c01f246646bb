import { createAgentClient } from "@acme/agent-client";

export function useChat({ agentId, host }: { agentId: string; host: string }) {
  return createAgentClient({ agent: agentId, name: "default", host });
}
