import { useAgent } from "agents/react";

// Shared with the router and the analytics: not a plain literal in the call.
export const AGENT = "coderagent";

export function Chat() {
  const agent = useAgent({ agent: AGENT });
  return <p>{agent.name}</p>;
}
