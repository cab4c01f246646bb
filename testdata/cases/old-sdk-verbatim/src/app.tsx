import { useAgent } from "agents/react";
export function App() {
  const coder = useAgent({ agent: "CoderAgent" }); // sent verbatim: /agents/CoderAgent/
  const notes = useAgent({ agent: "notes_agent" }); // v1 keeps "_": served at /agents/notes_agent/
  return <p>{String(coder) + String(notes)}</p>;
}
