import { WorkerEntrypoint } from "cloudflare:workers";
export class PublicStore extends WorkerEntrypoint { async countAllUsers() { return 1; } }
export class AdminStore extends WorkerEntrypoint { async countAllUsers() { return 1; } }
export default class extends WorkerEntrypoint { fetch() { return new Response("ok"); } }
