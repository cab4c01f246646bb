import { Hono } from "hono";

const app = new Hono();
const handler = { fetch: app.fetch };
handler.scheduled = async () => {};
Object.assign(handler, { queue: async () => {} });

export default handler;
