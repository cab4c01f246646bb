import { agentFetch } from "agents/client";

export async function ask(host: string) {
  return agentFetch({ agent: "researchagent", host, name: "default" });
}

// "research_agent_" converts to "research-agent" (the trailing "-" is
// trimmed), so this one does reach the binding.
export async function askToo(host: string) {
  return agentFetch({ agent: "research_agent_", host });
}
