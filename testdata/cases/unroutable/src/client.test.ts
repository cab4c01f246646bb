// Tests build wrong URLs on purpose: client references in test files are not judged.
export const probe = () => fetch("https://chat.example.com/agents/non-existent-agent/room");
