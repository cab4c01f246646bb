import { getAgentByName } from "agents";
import { addServer } from "./chat/tools";
export { ChatAgentDO } from "./chat/ChatAgentDO";
export { CodeGeneratorAgent } from "./codegen/agent";
export { FlowAgent } from "./flow";

export default {
  async fetch(request: Request, env: Env) {
    const url = new URL(request.url);
    if (url.pathname === "/mcp") return Response.json(await addServer("default", url.searchParams.get("u") ?? ""));
    const agent = await getAgentByName(env.CodeGenObject, url.searchParams.get("id") ?? "default");
    return agent.fetch(request);
  },
} satisfies ExportedHandler<Env>;
