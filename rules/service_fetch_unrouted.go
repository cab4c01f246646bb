package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/source"
)

var _ = register(&lint.Rule{
	ID:       "service-fetch-unrouted",
	Severity: lint.SeverityWarning,
	Requires: []*lint.Analysis{analyses.Entries},
	Doc: lint.Doc{
		Summary: "`env.X.fetch(\"https://.../path\")` on a service binding reaches a repository Worker whose router serves no such path",
		Why: "A service binding's fetch runs the target Worker's fetch handler with the request as given; only the path (and method) decides what answers. " +
			"When the target's router is fully known (Hono or itty-router literal routes with their sub-routers and base paths, or a fetch that dispatches on " +
			"URL.pathname with literal comparisons and a final error response) and no route takes the path, the call gets the router's 404 (Hono answers " +
			"`404 Not Found`) or the fallback, and the caller misreads it as the other Worker's answer. The rule is silent when the URL's path is not a literal, " +
			"when the target has a catch-all (a `*` route, notFound, a default branch that answers) or anything the reader does not follow (a middleware that " +
			"may answer, a router passed to a function, a route whose path is computed).",
		Bad: `-- api/wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "services": [{ "binding": "AUTH", "service": "auth" }]
}
-- api/src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    return env.AUTH.fetch("https://auth/v1/session", { headers: request.headers });
  },
};
-- auth/wrangler.jsonc --
{
  "name": "auth",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01"
}
-- auth/src/index.ts --
import { Hono } from "hono";

const app = new Hono();
app.get("/session", (c) => c.json({ ok: true }));

export default app;
`,
		Good: `-- api/wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "services": [{ "binding": "AUTH", "service": "auth" }]
}
-- api/src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    return env.AUTH.fetch("https://auth/session", { headers: request.headers });
  },
};
-- auth/wrangler.jsonc --
{
  "name": "auth",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01"
}
-- auth/src/index.ts --
import { Hono } from "hono";

const app = new Hono();
app.get("/session", (c) => c.json({ ok: true }));

export default app;
`,
	},
	Run: runServiceFetchUnrouted,
})

func runServiceFetchUnrouted(p *lint.Pass) {
	ix := analyses.EntriesOf(p)
	wn := indexWorkerNames(p)
	var g callGroups
	msgs := map[*callGroup]string{}
	related := map[*callGroup][]lint.Related{}
	for _, sb := range serviceBindings(p) {
		t, ok := wn.target(sb)
		if !ok {
			continue
		}
		_, h := targetHandler(ix, sb, t)
		if h == nil || h.Kind == analyses.HandlerUnknown || h.Routes == nil || !h.Routes.Known || h.Routes.CatchAll {
			continue
		}
		if _, ok := h.Member("fetch"); !ok {
			continue
		}
		for _, c := range bindingCalls(p, sb.dep, sb.binding) {
			if c.Method != "fetch" || len(c.URL) != 1 || !c.Span.Valid() {
				continue
			}
			path, ok := urlPath(c.URL[0])
			if !ok || h.Routes.Serves(c.HTTPMethod, path) {
				continue
			}
			what := "no route for " + orAny(c.HTTPMethod) + " " + path
			if c.HTTPMethod != "" && h.Routes.ServesPath(path) {
				what = "routes for " + path + " but not for " + c.HTTPMethod
			}
			key := c.Span.String() + "\x00" + what
			g.add(c, sb, what)
			cg := g.index[key]
			if _, done := msgs[cg]; !done {
				msgs[cg] = "env." + sb.binding + ".fetch(" + source.Quote(c.URL[0].Text()) + ") reaches Worker " + source.Quote(sb.service) + " (" + t.Label() +
					"), whose router has " + what + ": the request gets its not-found answer instead (it serves " + routeSample(h.Routes) + "); fix the path or add the route"
				rel := []lint.Related{{Span: sb.node.Span, Note: "the service binding"}}
				if h.Span.Valid() {
					rel = append(rel, lint.Related{Span: h.Span, Note: "the router"})
				}
				related[cg] = rel
			}
		}
	}
	for _, cg := range g.order {
		p.ReportRelated(cg.call.Span, cg.sbs[0].dep.Env, msgs[cg]+" (called from "+deploymentsOf(cg.sbs)+")", related[cg])
	}
}

func orAny(method string) string {
	if method == "" {
		return "any method on"
	}
	return method
}

// routeSample lists a few routes for messages.
func routeSample(r *analyses.Routes) string {
	var out []string
	for i, rt := range r.Routes {
		if i == 6 {
			out = append(out, "...")
			break
		}
		p := rt.Path
		if rt.Prefix {
			p += "…"
		}
		out = append(out, rt.Method+" "+p)
	}
	if len(out) == 0 {
		return "no route"
	}
	return joinComma(out)
}

func joinComma(items []string) string {
	s := ""
	for i, it := range items {
		if i > 0 {
			s += ", "
		}
		s += it
	}
	return s
}
