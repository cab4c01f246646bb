import { useAgent } from "agents/react";

export function App() {
  // wranglint-disable-next-line unroutable-agent-url -- served by a Worker in another repository
  const a = useAgent({ agent: "elsewhere" });
  const b = useAgent({ agent: "nowhere" }); // want "unroutable-agent-url"
  return (
    <p title={String(a)}>
      Don't panic: JSX text is not code
      {/* wranglint-disable-next-line unroutable-agent-url -- nothing below */} // want "unused-suppression"
      {String(b)}
    </p>
  );
}
