import { DurableObject } from "cloudflare:workers";
export class UserHub extends DurableObject {}
export default { fetch: () => new Response("ok") };
