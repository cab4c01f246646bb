import { useAgent } from "agents/react";

export function Chat() {
  // The agent name, written the way the team writes URLs: lower case.
  const agent = useAgent({ agent: "coderagent", name: "default" });
  return <button onClick={() => agent.send("hi")}>send</button>;
}
