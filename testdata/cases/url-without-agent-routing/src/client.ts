// A page link of the web app, not an agent connection.
export const openAgent = (id: string) => window.location.assign(`/agents/IterateAgent/${id}`);
export const socket = (id: string) => new WebSocket(`wss://example.com/agents/IterateAgent/${id}`);
