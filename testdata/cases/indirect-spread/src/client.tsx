import { AgentClient } from "agents/client";
const callbacks = { onOpen() {} };
export function connect(host: string) {
  return new AgentClient({ agent: "chatagent", host, ...callbacks, ...arguments[1] });
}
