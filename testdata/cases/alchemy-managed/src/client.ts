import { AgentClient } from "agents/client";

// served through the binding alchemy.run.ts declares
export const client = new AgentClient({ agent: "ConversationAgent", name: "default", host: location.host });
