import React, { useState } from "react";
import { useAgent } from "agents/react";

type AgentType = "router-agent" | "campaign-agent";

export function Picker() {
  const [agentType, setAgentType] = useState<AgentType>(
    () => (localStorage.getItem("agentType") as AgentType) || "router-agent", // want "unroutable-agent-url" "useAgent at src/client.tsx:10"
  );
  const agent = useAgent({ agent: agentType });
  return <button onClick={() => setAgentType("campaign-agent")}>{String(agent.id)}</button>;
}

export function Served() {
  const [name] = React.useState("campaign-agent");
  return useAgent({ agent: name });
}

export function NotYet() {
  const [name] = useState<string | null>(null); // nothing known before the user picks
  return useAgent({ agent: name ?? "router" });
}
