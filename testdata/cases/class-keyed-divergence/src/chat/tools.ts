import { getAgentByName } from "agents";
import { env } from "cloudflare:workers";
export async function addServer(name: string, url: string) {
  const agent = await getAgentByName(env.CHAT_DO, name);
  return agent.addMcpServer(url, url, "https://example.com");
}
