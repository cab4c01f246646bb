import { DurableObject } from "cloudflare:workers";
export class MetricsBroadcaster extends DurableObject {}
export default { fetch: () => new Response("monitor") };
