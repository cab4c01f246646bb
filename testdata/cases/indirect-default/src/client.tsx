import { useAgent } from "agents/react";
// agentId || "CoderAgent" hid the original bug: the default is what ships.
export function useCoder(agentId?: string) {
  return useAgent({ agent: (agentId || "CoderAgent").toLowerCase() });
}
