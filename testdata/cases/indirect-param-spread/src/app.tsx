import { useAgent } from "agents/react";
import { useMyAgent, useNamedAgent, connect, useFixed } from "./hooks";

function useLocal(props: { agent: string }) {
  return useAgent({ ...props, name: "room" });
}

const useArrow = (props: { agent: string; basePath?: string }) => useAgent({ agent: "coder-agent", ...props });

export function App({ id }: { id: string }) {
  const a = useMyAgent({ agent: "chat-bot" }); // want 33 "unroutable-agent-url" "/agents/chat-bot/"
  const b = useMyAgent({ agent: "ChatAgent", name: id });
  const c = useNamedAgent({ agent: "coder-bot" }, id); // want 36 "unroutable-agent-url" "/agents/coder-bot/"
  const d = connect({ agent: "chat-agnet", host: "example.com" }); // want 30 "unroutable-agent-url" "/agents/chat-agnet/"
  const e = useLocal({ agent: "codr-agent" }); // want 31 "unroutable-agent-url" "/agents/codr-agent/"
  const f = useArrow({ agent: "chat-bot" }); // want 31 "unroutable-agent-url" "/agents/chat-bot/"
  // basePath: the Worker routes the path itself; the agent plays no part.
  const g = useArrow({ agent: "anything", basePath: "custom/path" });
  const h = useFixed({ name: id });
  return [a, b, c, d, e, f, g, h];
}
