package jscode

import (
	"slices"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

// RoutePatterns are the paths a router serves itself, not every path-like
// string: a client's own URL never counts as a route.
func TestRoutePatterns(t *testing.T) {
	src := `import { Hono } from "hono";
const app = new Hono();
app.get("/agents/reports/:id/pdf", (c) => c.text("pdf"));
app.on("POST", "/api/chats", (c) => c.json([]));
app.route("/admin/", admin);
const cache = new Map();
cache.get("not/a/path");
fetch("/agents/chat-agent/default");
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/health") return new Response("ok");
    if ("/ready" == url.pathname) return new Response("ok");
    if (url.pathname.startsWith("/static/")) return env.ASSETS.fetch(request);
    const { pathname } = url;
    switch (pathname) {
      case "/login": return new Response("login");
    }
    return app.fetch(request, env);
  },
};`
	sf := ScanSource(source.NewFile("/p/server.js", "server.js", []byte(src)))
	want := []string{"/agents/reports/:id/pdf", "/api/chats", "/admin/*", "/health", "/ready", "/static/*", "/login"}
	got := slices.Clone(sf.RoutePatterns)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("RoutePatterns = %q, want %q", got, want)
	}
}

// A class's own fetch replaces the one it inherits unless it calls
// super.fetch.
func TestClassFetchOverride(t *testing.T) {
	src := `import { Server } from "partyserver";
export class Own extends Server { async fetch(request) { return new Response("mine"); } }
export class Super extends Server { async fetch(request) { log(); return super.fetch(request); } }
export class Field extends Server { fetch = async (request) => new Response("field"); }
export class Plain extends Server { onRequest() { return new Response("x"); } }
export class Static extends Server { static fetch() {} }`
	sf := ScanSource(source.NewFile("/p/s.js", "s.js", []byte(src)))
	got := map[string]string{}
	for _, c := range sf.Classes {
		got[c.Name] = c.Fetch
	}
	want := map[string]string{"Own": "own", "Super": "super", "Field": "own", "Plain": "", "Static": ""}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: Fetch = %q, want %q", name, got[name], w)
		}
	}
}
