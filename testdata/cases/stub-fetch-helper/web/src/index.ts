export default {
  async fetch(request: Request, env: { ChatAgent: DurableObjectNamespace }) {
    const agent = env.ChatAgent.get(env.ChatAgent.idFromName("user-1"));
    return agent.fetch(request); // want "agent-stub-without-name" "env.ChatAgent is fetched directly: .*class ChatAgent of Worker \"bot-agent\""
  },
};
