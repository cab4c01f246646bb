import { Hono } from "hono";

const app = new Hono<{ Bindings: Env }>();
app.get("/api/items", (c) => c.json([]));
app.all("*", (c) => c.env.ASSETS.fetch(c.req.raw)); // want "assets-binding-missing" "add \"binding\": \"ASSETS\" to assets"

export default app;
