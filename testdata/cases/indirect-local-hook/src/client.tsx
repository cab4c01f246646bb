import { useAgent } from "agents/react";
const useNamed = (agent: string) => useAgent({ agent });
export function App() { return useNamed("chatagent"); }
