import { DurableObject } from "cloudflare:workers";

// A plain Durable Object base: not an agent.
export class BaseStore<E> extends DurableObject<E> {}
