import { useAgent } from "agents/react";
export const App = () => useAgent({ agent: "CoderAgent" });
