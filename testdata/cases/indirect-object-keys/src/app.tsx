import { useAgent } from "agents/react";

const patterns = {
  sequential: { title: "Prompt chaining" },
  routing: { title: "Routing" },
  paralel: { title: "Parallelization" }, // want "unroutable-agent-url" "paralel"
};

function PatternSection({ type }: { type: string }) {
  const agent = useAgent({ agent: type });
  return <section>{agent.id}</section>;
}

export function App() {
  return (
    <main>
      {Object.entries(patterns).map(([type, p]) => (
        <PatternSection key={type} type={type} />
      ))}
    </main>
  );
}

const rooms = { "routing": 1, "parallel": 2, "chains": 3 }; // want "unroutable-agent-url" "chains"

export async function warm() {
  for (const name of Object.keys(rooms)) {
    await fetch(`/agents/${name}/default`);
  }
}

// a component declared above the const it reads: it runs after the module loaded
export function Helper() {
  return useAgent({ agent: HELPER });
}
const HELPER = "routin"; // want "unroutable-agent-url" "routin"

// a helper whose switch returns one name per case: each is a value a call can produce
function agentFor(kind: "chain" | "other"): string {
  switch (kind) {
    case "chain":
      return "Sequentail"; // want "unroutable-agent-url" "sequentail"
    default:
      return "Routing";
  }
}
export function Picker() {
  return useAgent({ agent: agentFor("chain") });
}

// no default, and the call's literal picks its case: "other" is never judged
function kindAgent(kind: "par" | "other") {
  switch (kind) {
    case "par":
      return "Paralel"; // want "unroutable-agent-url" "paralel"
    case "other":
      return "NoSuchAgent";
  }
}
export function ParPicker() {
  return useAgent({ agent: kindAgent("par") });
}
