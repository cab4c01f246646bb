import { useAgent } from "agents/react";

export function Support({ id }: { id: string }) {
  const missed = useAgent({ agent: "SupportAgent" }); // want "unroutable-agent-url" "/agents/support-agent/.*serves /agents/ \\(it routes /api/agents/\\).*set prefix: \"api/agents\""
  const served = useAgent({ agent: "SupportAgent", prefix: "api/agents" });
  const history = fetch(`/agents/support-agent/${id}/history`); // want "unroutable-agent-url" "request /api/agents/support-agent/... instead"
  const ok = fetch(`/api/agents/support-agent/${id}/history`);
  const users = fetch(`/api/users/${id}`); // not an agent URL
  return [missed, served, history, ok, users];
}
