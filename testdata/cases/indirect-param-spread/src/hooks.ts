import { useAgent } from "agents/react";
import { AgentClient } from "agents/client";

export function useMyAgent(props: { agent: string; name?: string }) {
  return useAgent({ ...props });
}

export const useNamedAgent = (props: { agent: string }, name: string) => useAgent({ ...props, name });

// The options object itself is the parameter: the same as spreading it.
export function connect(options: { agent: string; host: string }) {
  return new AgentClient(options);
}

// Written after the spread, the wrapper's own agent wins over the caller's.
export function useFixed(props: { name: string }) {
  return useAgent({ ...props, agent: "chat-agent" });
}
