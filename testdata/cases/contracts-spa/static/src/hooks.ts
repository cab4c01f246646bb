import { Hono } from "hono";

export const hooks = new Hono();
hooks.post("/github", (c) => c.text("ok"));
