import { useAgent } from "agents/react";
export function App() {
  return useAgent({ agent: "CoderAgent", prefix: "api/agents" });
}
