import { useEffect, useState } from "react";

type Hooks = { useAgent: typeof import("agents/react").useAgent };

// the hook arrives as a prop, loaded lazily with import("agents/react")
function Connected({ useAgent }: Hooks) {
  const agent = useAgent({ agent: "EmailAgnet", name: "inbox-1" }); // want "unroutable-agent-url" "/agents/email-agnet/"
  return <div>{String(agent.readyState)}</div>;
}

function Renamed({ useAgent: connect }: Hooks) {
  const agent = connect({ agent: "EMAIL_AGENT", name: "inbox-1" });
  return <div>{String(agent.readyState)}</div>;
}

export default function Panel() {
  const [hooks, setHooks] = useState<Hooks | null>(null);
  useEffect(() => {
    import("agents/react").then((a) => setHooks({ useAgent: a.useAgent }));
  }, []);
  return hooks ? (
    <>
      <Connected useAgent={hooks.useAgent} />
      <Renamed useAgent={hooks.useAgent} />
    </>
  ) : null;
}
