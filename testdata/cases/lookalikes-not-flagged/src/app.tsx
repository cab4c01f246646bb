import { useAgent } from "agents/react";
import { useNavigate } from "react-router";

export function App(props: { agent: string }) {
  const navigate = useNavigate();
  // The official client converts the class-style name: /agents/coder-agent/.
  const a = useAgent({ agent: "CoderAgent" });
  // basePath: the Worker routes this path itself; agent plays no part.
  const b = useAgent({ agent: "coderagent", basePath: "custom/coder" });
  // Not known before run time.
  const c = useAgent({ agent: props.agent });
  // An app page, not a request: never a Worker URL.
  const go = () => navigate("/agents/coderagent/settings");
  // A router pattern.
  const pattern = "/agents/:agent/:name";
  void fetch("/agents/coder-agent/default");
  void fetch(`/agents/${props.agent}/default`);
  return <a href="/agents/coderagent/help" onClick={go}>{String(a) + String(b) + String(c) + pattern}</a>;
}
