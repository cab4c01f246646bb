package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "spa-shadows-routes",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "with `not_found_handling: \"single-page-application\"` and an array `run_worker_first`, the Worker's routes that no pattern covers never run",
		Why: "An array run_worker_first (static routing, wrangler >= 4.20.0) sends the requests its patterns match to the " +
			"Worker; every other request that no static file matches gets the SPA fallback, navigation or not (\"This approach " +
			"disables the automatic Sec-Fetch-Mode: navigate detection\", docs; workers-shared router-worker): index.html " +
			"with 200 for GET and HEAD, 405 for other methods. A route of the Worker's router outside the patterns is dead. " +
			"Patterns match the whole path, `*` any characters, `!` excludes. Routes come from the default export's router " +
			"(Hono, itty-router, pathname tests) when wranglint can read them; routes that are only a fallback (`*`, `/:x`) " +
			"are not listed.",
		Bad: `-- wrangler.jsonc --
{
  "name": "app",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "assets": {
    "directory": "public",
    "not_found_handling": "single-page-application",
    "run_worker_first": ["/api/*"] // /auth/callback is not covered
  }
}
-- src/index.ts --
import { Hono } from "hono";

const app = new Hono();
app.get("/api/me", (c) => c.json({ id: 1 }));
app.get("/auth/callback", (c) => c.redirect("/"));

export default app;
-- public/index.html --
<!doctype html><title>app</title>`,
		Good: `-- wrangler.jsonc --
{
  "name": "app",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "assets": {
    "directory": "public",
    "not_found_handling": "single-page-application",
    "run_worker_first": ["/api/*", "/auth/*"]
  }
}
-- src/index.ts --
import { Hono } from "hono";

const app = new Hono();
app.get("/api/me", (c) => c.json({ id: 1 }));
app.get("/auth/callback", (c) => c.redirect("/"));

export default app;
-- public/index.html --
<!doctype html><title>app</title>`,
		Fix:       "unsafe: the missing patterns (each route's first segment with /*) are added to run_worker_first",
		FixSafety: lint.FixUnsafe,
	},
	Requires: []*lint.Analysis{analyses.Entries},
	Run:      runSPAShadowsRoutes,
})

func runSPAShadowsRoutes(p *lint.Pass) {
	done := map[string]bool{}
	for _, sd := range spaDeploys(p, true) {
		var dead, uncovered, excluded []jscode.Route
		for _, r := range navigableRoutes(sd.routes, func(string) bool { return true }) {
			path := samplePath(r)
			if sd.runsWorkerFirst(path) {
				continue
			}
			dead = append(dead, r)
			if sd.excludedBy(path) != "" {
				excluded = append(excluded, r)
			} else {
				uncovered = append(uncovered, r)
			}
		}
		if len(dead) == 0 {
			continue
		}
		key := sd.rwf.Span.String() + "\x00" + describeRoutes(dead)
		if done[key] {
			continue // the same config place and routes in another environment
		}
		done[key] = true
		patterns := suggestedPatterns(uncovered)
		var fix *lint.Fix
		if len(patterns) > 0 && sd.e.Config.Format != "toml" {
			var items []string
			for _, pat := range patterns {
				items = append(items, wrangler.JSONString(pat))
			}
			fix = &lint.Fix{Description: "add " + source.QuoteList(patterns) + " to run_worker_first", Applicability: lint.Unsafe,
				Edits: wrangler.AppendItem(sd.rwf, joinItems(items))}
		}
		p.ReportRelated(sd.rwf.Span, sd.e, "assets"+inEnv(sd.e)+" use the single-page-application fallback with run_worker_first "+
			patternList(sd.rwf)+": every request those patterns miss is answered by the assets (index.html for GET, 405 for "+
			"other methods), so the Worker's routes for "+describeRoutes(dead)+" never run; "+spaAdvice(sd, patterns, excluded),
			routeRelated(dead), fix)
	}
}

func joinItems(items []string) string {
	out := ""
	for i, it := range items {
		if i > 0 {
			out += ", "
		}
		out += it
	}
	return out
}

func patternList(n *wrangler.Node) string {
	var s []string
	for _, it := range n.Strings() {
		s = append(s, it.Str)
	}
	return "[" + source.QuoteList(s) + "]"
}

// spaAdvice says what to add to run_worker_first, and which exclusions
// keep routes from the Worker.
func spaAdvice(sd spaDeploy, patterns []string, excluded []jscode.Route) string {
	var parts []string
	if len(patterns) > 0 {
		parts = append(parts, "add "+source.QuoteList(patterns)+" to run_worker_first")
	}
	seen := map[string]bool{}
	var ex []string
	for _, r := range excluded {
		if x := sd.excludedBy(samplePath(r)); !seen[x] {
			seen[x] = true
			ex = append(ex, "!"+x)
		}
	}
	if len(ex) > 0 {
		parts = append(parts, "narrow "+source.QuoteList(ex)+", which excludes "+describeRoutes(excluded))
	}
	return joinAnd(parts)
}
