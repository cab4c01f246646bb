// AgentClient loaded with a dynamic import
export async function connect() {
  const { AgentClient } = await import("agents/client");
  return new AgentClient({ agent: "EmailAgnet", name: "inbox-1", host: location.host }); // want "unroutable-agent-url" "/agents/email-agnet/"
}

export async function connectAll() {
  const sdk = await import("agents/client");
  return new sdk.AgentClient({ agent: "email-agnet", name: "inbox-1", host: location.host }); // want "unroutable-agent-url" "/agents/email-agnet/"
}
