import { useAgent } from "agents/react";

// A project-local habit: agent names written in lower case.
const AGENT = "coderagent";

export function Chat() {
  const agent = useAgent({ agent: AGENT, name: "default" });
  return <button onClick={() => agent.send("hi")}>send</button>;
}
