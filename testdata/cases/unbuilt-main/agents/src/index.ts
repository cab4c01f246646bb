import { DurableObject } from "cloudflare:workers";

export class Chat extends DurableObject {}
class ChatRoom extends DurableObject {} // declared, never exported

export default { fetch: () => new Response(String(ChatRoom)) };
