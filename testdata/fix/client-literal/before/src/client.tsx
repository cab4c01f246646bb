import { useAgent } from "agents/react";

export function Chat() {
  const agent = useAgent({ agent: 'coderagent' }); // single quotes stay single
  void fetch(`/agents/coderagent/${agent.name}/messages`);
  return <p>{agent.name}</p>;
}
