import { Hono } from "hono";
import { hooks } from "./hooks";

const api = new Hono();
api.get("/me", (c) => c.json({ id: 1 }));
api.get("/docs/openapi.json", (c) => c.json({})); // excluded by "!/api/docs/*"

const app = new Hono();
app.route("/api", api);
app.route("/hooks", hooks);
app.get("/auth/callback", (c) => c.redirect("/"));
app.get("*", (c) => c.text("fallback")); // a fallback, not a path of its own

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
