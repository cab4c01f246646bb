import { Hono } from "hono";
import { handle } from "hono/cloudflare-pages";
import { usersFrom } from "../../src/lib/db";

const app = new Hono<{ Bindings: Env }>().basePath("/api");

app.get("/users", async (c) => c.json(await usersFrom(c.env)));
app.get("/page", async (c) => c.env.ASSETS.fetch(c.req.raw)); // Pages' own binding
app.get("/token", (c) => c.text(c.env.SECRET_TOKEN ? "set" : "unset")); // bound nowhere: a dashboard secret, maybe

export const onRequest = handle(app);
