import { AsyncLocalStorage } from "node:async_hooks";
export default { fetch: () => new Response(String(AsyncLocalStorage)) };
