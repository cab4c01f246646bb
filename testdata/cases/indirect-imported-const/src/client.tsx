import { useAgent } from "agents/react";
import { CHAT } from "./index";
export function Chat() {
  return useAgent({ agent: CHAT }); // through a re-export of a constant of another module
}
