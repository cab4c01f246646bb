import { DurableObject } from "cloudflare:workers";

// a Durable Object class is no entrypoint: no fix points at it
export class Room extends DurableObject<Env> {}

export const rooms = 1;
