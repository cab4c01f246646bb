import { Hono } from "hono";

const app = new Hono();
app.get("/auth/callback", (c) => c.redirect("/")); // the disable flag keeps navigations on the Worker
export default app;
