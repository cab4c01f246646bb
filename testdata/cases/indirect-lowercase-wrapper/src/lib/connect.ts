import { useAgent } from "agents/react";
// The project's own client lower-cases agent names, as the original bug's did.
export function connect(name: string) {
  return useAgent({ agent: name.toLowerCase() });
}
