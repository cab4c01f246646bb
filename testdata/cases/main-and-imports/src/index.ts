import { tools } from "./tool"; // want "unresolved-import: could not resolve \"./tool\""
import { Hono } from "hono";
import { AsyncLocalStorage } from "node:async_hooks";
import { DurableObject } from "cloudflare:workers";
export default { fetch: () => new Response(String([tools, Hono, AsyncLocalStorage, DurableObject])) };
