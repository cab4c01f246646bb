import { Hono } from "hono";

const tokens = new Hono();
tokens.get("/", (c) => c.json([]));
tokens.post("/", (c) => c.json({}));
tokens.delete("/:id", (c) => c.body(null));

export default tokens;
