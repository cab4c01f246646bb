export const load = (id: string) => fetch(`/agents/personal-agents/${id}`);
export const typo = (id: string) => fetch(`/agents/personl-agent/${id}`); // want "unroutable-agent-url"
