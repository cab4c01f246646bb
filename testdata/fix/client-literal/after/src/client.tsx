import { useAgent } from "agents/react";

export function Chat() {
  const agent = useAgent({ agent: 'CoderAgent' }); // single quotes stay single
  void fetch(`/agents/coder-agent/${agent.name}/messages`);
  return <p>{agent.name}</p>;
}
