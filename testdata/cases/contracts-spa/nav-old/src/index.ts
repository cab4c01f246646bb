import { Hono } from "hono";

const app = new Hono();
app.get("/login", (c) => c.redirect("https://id.example.com/authorize"));
export default app;
