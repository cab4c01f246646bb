export const chats = (id: string) => fetch(`/agents/chats/${id}`); // want "unroutable-agent-url" "/agents/chats/"
export const people = (id: string) => fetch(`/agents/personal-agents/${id}`); // want "unroutable-agent-url" "/agents/personal-agents/"
export const pdf = (id: string) => fetch(`/agents/reports/${id}/pdf`);
export const latest = () => fetch("/agents/reports/latest"); // want "unroutable-agent-url" "/agents/reports/"
export const chat = (id: string) => fetch(`/agents/chat-agent/${id}`);
