import { useChat } from "@acme/chat";

export function App() {
  // useChat lower-cases "CoderAgent": it connects to /agents/coderagent/default.
  const chat = useChat({ agentId: "CoderAgent", host: location.host });
  return <p>{String(chat)}</p>;
}
