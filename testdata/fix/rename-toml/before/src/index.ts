import { Agent, routeAgentRequest } from "agents";
import { AgentClient } from "agents/client";
export class NotesAgent extends Agent {}
const NS = "notesagent";
export const open = (host: string) => new AgentClient({ agent: NS, host });
export default {
  fetch: async (req: Request, env: Env) => {
    void env.NOTES_AGENT;
    return (await routeAgentRequest(req, env)) ?? new Response(null, { status: 404 });
  },
};
