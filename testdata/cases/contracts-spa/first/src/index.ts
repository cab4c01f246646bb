import { Hono } from "hono";

const app = new Hono();
app.get("/auth/callback", (c) => c.redirect("/")); // the Worker runs first for every request
export default app;
