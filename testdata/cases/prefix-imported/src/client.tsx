import { useAgent } from "agents/react";
// The hook's defaults are what ships: options.agentType is usually unset.
export function useAgentConnection(options: { prefix?: string; agentType?: string } = {}) {
  const { prefix = "api/v1/agents", agentType = "personal-agent" } = options;
  return useAgent({ prefix, agent: agentType });
}
export function useTypo({ agent = "personalagent" }: { agent?: string } = {}) {
  return useAgent({ prefix: "api/v1/agents", agent }); // a default: what ships when callers pass nothing
}
