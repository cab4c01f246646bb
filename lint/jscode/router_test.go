package jscode

import (
	"fmt"
	"strings"
	"testing"
)

// routerLines writes each router of a file as one line.
func routerLines(sf *SourceFacts) []string {
	var out []string
	for i, r := range sf.Routers {
		var b strings.Builder
		fmt.Fprintf(&b, "r%d %s %s", i+1, r.Kind, r.Name)
		for _, rt := range r.Routes {
			p := rt.Path
			if rt.Prefix {
				p += "…"
			}
			fmt.Fprintf(&b, " | %s %s", rt.Method, p)
		}
		for _, m := range r.Mounts {
			fmt.Fprintf(&b, " | mount %s -> r%d%s", m.Path, m.Router, m.Module+"#"+m.Name)
		}
		if r.CatchAll {
			b.WriteString(" | catch-all")
		}
		if r.Open != "" {
			b.WriteString(" | open: " + r.Open)
		}
		out = append(out, b.String())
	}
	return out
}

func checkRouters(t *testing.T, name, src string, want ...string) *SourceFacts {
	t.Helper()
	sf := scan(t, name, src)
	got := routerLines(sf)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("routers:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	return sf
}

func TestRouterHono(t *testing.T) {
	sf := checkRouters(t, "a.ts", `import { Hono } from "hono";
import { cors } from "hono/cors";
import users from "./users";
const app = new Hono<{ Bindings: Env }>();
app.use("*", cors());
app.use(async (c, next) => { await next(); });
app.get("/health", (c) => c.text("ok")).post("/items", (c) => c.json({}));
app.on(["PUT", "delete"], "/items/:id", (c) => c.body(null));
const PATH = "/const";
app.all(PATH, (c) => c.text("x"));
const v1 = new Hono().basePath("/v1");
v1.get("/users/:id", (c) => c.json({}));
app.route("/api", v1);
app.route("/users", users);
export default app;
`,
		"r1 hono app | POST /items | GET /health | PUT /items/:id | DELETE /items/:id | ALL /const | mount /api -> r2# | mount /users -> r0./users#default",
		"r2 hono v1 | GET /v1/users/:id")
	if got := sf.Routers[0].Routes[1].Span.Text(); got != `"/health"` {
		t.Fatalf("route span %q", got)
	}
}

func TestRouterHonoOpen(t *testing.T) {
	checkRouters(t, "a.ts", `import { Hono } from "hono";
import { serveStatic } from "hono/cloudflare-workers";
import { fromHono } from "chanfana";
const a = new Hono();
a.get("/x", (c) => c.text("x"));
const openapi = fromHono(a);
const b = new Hono();
b.use("/static/*", serveStatic({ root: "./" }));
const c = new Hono();
c.get(someVar, (c) => c.text("x"));
c.notFound((c) => c.text("nf", 404));
const d = new Hono();
d.route("/sub", makeSub());
const e = new Hono();
register(e);
function register(app) { app.get("/hidden", (c) => c.text("h")); }
`,
		"r1 hono a | GET /x | open: it is passed to fromHono(), which may add routes",
		"r2 hono b | open: app.use() with a middleware that may answer requests itself",
		"r3 hono c | catch-all | open: a route whose path is not a literal",
		`r4 hono d | open: app.route("/sub", ...) mounts a sub-app wranglint does not follow`,
		"r5 hono e | open: it is passed to register(), which may add routes")
}

func TestRouterItty(t *testing.T) {
	checkRouters(t, "a.js", `import { AutoRouter, Router } from "itty-router";
const router = AutoRouter({ base: "/api" });
router.get("/todos/:id", () => 1).post("/todos", () => 2);
const legacy = Router();
legacy.all("*", () => new Response("nf", { status: 404 }));
export default { ...router };
`,
		"r1 itty router | POST /api/todos | GET /api/todos/:id",
		"r2 itty legacy | ALL *")
}

func TestRouterPathname(t *testing.T) {
	checkRouters(t, "a.ts", `export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname;
    if (request.method === "OPTIONS") return new Response(null, { status: 204 });
    if (!request.headers.get("x-key")) return new Response("unauthorized", { status: 401 });
    try {
      if (path === "/a" && request.method === "POST") {
        return new Response("a");
      } else if (url.pathname.startsWith("/static/")) {
        return env.ASSETS.fetch(request);
      }
      switch (path) {
        case "/b":
          return new Response("b");
        case "/c":
        case "/d":
          return Response.json({});
        default:
          return new Response("Not found", { status: 404 });
      }
    } catch (e) {
      return new Response("error", { status: 500 });
    }
  },
};
function other(req: Request) {
  const { pathname } = new URL(req.url);
  if (pathname === "/x" || pathname === "/y") return new Response("xy");
  if (/^\/z\//.test(pathname)) return new Response("z");
  return fetch(req);
}
function fourth(request: Request) {
  const method = request.method.toUpperCase();
  const url = new URL(request.url);
  const m = url.pathname.match(/^\/items\/(\d+)$/);
  if (method === "GET" && url.pathname === "/items") return new Response("items");
  if (method === "GET" && m) return new Response(m[1]);
  return new Response(null, { status: 404 });
}
function third(req: Request) {
  switch (new URL(req.url).pathname) {
    case "/only": return new Response("only");
    default: return new Response("everything else");
  }
}
`,
		"r1 pathname fetch | OPTIONS /* | POST /a | ALL /static/… | ALL /b | ALL /c | ALL /d",
		"r2 pathname other | ALL /x | ALL /y | catch-all | open: a path test wranglint cannot enumerate",
		"r3 pathname fourth | GET /items | open: a path test wranglint cannot enumerate",
		"r4 pathname third | ALL /only | catch-all")
}

func TestMatchRoute(t *testing.T) {
	for _, c := range []struct {
		pattern, path string
		want          bool
	}{
		{"/users/:id", "/users/42", true},
		{"/users/:id", "/users", false},
		{"/users/:id", "/users/42/posts", false},
		{"/users/:id?", "/users", true},
		{"/api/*", "/api/a/b", true},
		{"/api/*", "/api", true},
		{"/api/*", "/apix", false},
		{"*", "/anything", true},
		{"/files/:name{.+}", "/files/a/b.png", true},
		{"/files/:name{[0-9]+}", "/files/12", true},
		{"/f/:file.:ext", "/f/a.png", true},
		{"/about", "/about/", true},
		{"/about", "/About", false},
		{"/v1/:path+", "/v1/x/y", true},
		{"/", "/", true},
		{"/", "/x", false},
	} {
		if got := MatchRoute(c.pattern, c.path); got != c.want {
			t.Errorf("MatchRoute(%q, %q) = %v, want %v", c.pattern, c.path, got, c.want)
		}
	}
}
