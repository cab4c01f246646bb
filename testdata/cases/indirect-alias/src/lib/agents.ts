export const CHAT_AGENT = "chatagent";
