import { WorkerEntrypoint } from "cloudflare:workers";
export class Runner extends WorkerEntrypoint { run() { return 1; } }
export default { fetch() { return new Response("b"); } };
