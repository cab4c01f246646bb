import { AIChatAgent } from "agents/ai-chat-agent";
export class ChatAgentDO extends AIChatAgent<Env> {}
