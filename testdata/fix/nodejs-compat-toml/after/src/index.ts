import { Agent } from "agents";
export class A extends Agent {}
export default { fetch: () => new Response(String(A)) };
