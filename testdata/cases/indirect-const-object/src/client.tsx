import { useAgent } from "agents/react";
import { AGENT_NAMES } from "./names";
import { NAMES } from "./index";

const LOCAL = { helper: "helpers", coder: "CoderAgent" }; // want "unroutable-agent-url" "src/client.tsx:17"

export function Chat() {
  return useAgent({ agent: AGENT_NAMES.chat });
}
export function Coder() {
  return useAgent({ agent: NAMES.coder }); // a key of a re-exported object: served
}
export function Coder2() {
  return useAgent({ agent: AGENT_NAMES["coder"] });
}
export function Helper() {
  return useAgent({ agent: LOCAL.helper });
}
