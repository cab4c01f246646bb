// The project's own client: it lower-cases the agent name before building
// the URL, where the Agents SDK's client would convert it to kebab-case.
export function createAgentClient({ agent, name, host }: { agent: string; name: string; host: string }) {
  return new WebSocket(`wss://${host}/agents/${agent.toLowerCase()}/${name}`);
}
