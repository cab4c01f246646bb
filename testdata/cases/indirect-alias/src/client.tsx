import { useAgent } from "agents/react";
import { CHAT_AGENT } from "@/lib/agents"; // a tsconfig paths alias
import { CODER } from "@acme/names"; // a workspace package, linked in node_modules
export function App() {
  const chat = useAgent({ agent: CHAT_AGENT });
  const coder = useAgent({ agent: CODER });
  return [chat, coder];
}
