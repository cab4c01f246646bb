export async function transcript(id: string) {
  const res = await fetch(`/agent/my-voice-agent/${id}/transcript`); // want "unroutable-agent-url" "/agent/my-voice-agent/"
  return res.json();
}
export async function other(id: string) {
  await fetch(`/agent/settings/${id}`); // not a namespace: any path of the Worker's own
  await fetch(`/agents/my-voice-agent/${id}`);
  await fetch(`/api/my-voice-agent/${id}`); // not near the prefix
  return fetch(`/Agents/my-voice-agent/${id}`); // want "unroutable-agent-url" "/Agents/my-voice-agent/"
}
