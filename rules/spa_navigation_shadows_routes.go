package rules

import (
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/source"
)

var _ = register(&lint.Rule{
	ID:       "spa-navigation-shadows-routes",
	Severity: lint.SeverityWarning,
	Doc: lint.Doc{
		Summary: "with `not_found_handling: \"single-page-application\"` and no `run_worker_first`, a browser navigating to the Worker's GET routes gets index.html",
		Why: "From compatibility_date 2025-04-01 (or the flag assets_navigation_prefers_asset_serving; not with " +
			"assets_navigation_has_no_effect), a request with `Sec-Fetch-Mode: navigate` that matches no static file gets the " +
			"SPA fallback before the Worker runs (workers-shared asset-worker canFetch). Links, the address bar, redirects " +
			"(an OAuth callback, an emailed link, a download) are navigations: they get index.html and the route's code " +
			"never runs, while fetch() from the page still reaches the Worker, so tests with fetch pass. Real projects " +
			"shipped it: G4brym/R2-Explorer (/api and /share downloads returned the 2 KB index.html), " +
			"Rexezuge-CloudflareWorkers/Mail-Otter (emailed action links), HQBase/hqbase (an OAuth start). A warning, " +
			"since a route only scripts call is unaffected; run_worker_first with the routes' patterns (or true) fixes it. " +
			"Routes come from the default export's router when wranglint can read them; fallbacks (`*`, `/:x`) are not listed.",
		Bad: `-- wrangler.jsonc --
{
  "name": "files",
  "main": "src/index.ts",
  "compatibility_date": "2025-06-01",
  "assets": { "directory": "public", "not_found_handling": "single-page-application" }
}
-- src/index.ts --
import { Hono } from "hono";

const app = new Hono();
app.get("/share/:id", (c) => c.body("file bytes")); // a link people open
export default app;
-- public/index.html --
<!doctype html><title>files</title>`,
		Good: `-- wrangler.jsonc --
{
  "name": "files",
  "main": "src/index.ts",
  "compatibility_date": "2025-06-01",
  "assets": {
    "directory": "public",
    "not_found_handling": "single-page-application",
    "run_worker_first": ["/share/*"]
  }
}
-- src/index.ts --
import { Hono } from "hono";

const app = new Hono();
app.get("/share/:id", (c) => c.body("file bytes"));
export default app;
-- public/index.html --
<!doctype html><title>files</title>`,
	},
	Requires: []*lint.Analysis{analyses.Entries},
	Run:      runSPANavigationShadowsRoutes,
})

func runSPANavigationShadowsRoutes(p *lint.Pass) {
	done := map[string]bool{}
	for _, sd := range spaDeploys(p, false) {
		c := compatOf(sd.e)
		if c.date == "" || !c.onBy("assets_navigation_prefers_asset_serving", "assets_navigation_has_no_effect", "2025-04-01") {
			continue
		}
		var gets []jscode.Route
		for _, r := range navigableRoutes(sd.routes, func(m string) bool { return m == "GET" || m == "ALL" || m == "HEAD" }) {
			if browserOpens(r.Path) {
				gets = append(gets, r)
			}
		}
		if len(gets) == 0 {
			continue
		}
		key := sd.nfh.Span.String() + "\x00" + describeRoutes(gets)
		if done[key] {
			continue
		}
		done[key] = true
		why := "compatibility_date " + source.Quote(c.date) + " is on or after 2025-04-01"
		if c.flags["assets_navigation_prefers_asset_serving"] {
			why = "the flag assets_navigation_prefers_asset_serving is set"
		}
		patterns := suggestedPatterns(gets)
		p.ReportRelated(sd.nfh.Span, sd.e, "assets"+inEnv(sd.e)+" fall back to index.html for navigations ("+why+") and run_worker_first "+
			"is not set: a browser navigating to the Worker's "+describeRoutes(gets)+" (a link, a redirect such as an OAuth callback, "+
			"a download) gets index.html and the Worker never runs; fetch() from the page still reaches it. Set run_worker_first to "+
			patternsOrTrue(patterns), routeRelated(gets))
	}
}

func patternsOrTrue(patterns []string) string {
	if len(patterns) == 0 {
		return "true"
	}
	return "[" + source.QuoteList(patterns) + "] (or true)"
}

// navigationWords are path words of routes a browser opens by itself: a
// redirect target (OAuth and sign-in flows), a link someone follows (an
// emailed action, a share or invite link), a download.
var navigationWords = map[string]bool{"auth": true, "oauth": true, "oauth2": true, "callback": true, "callbacks": true,
	"login": true, "logout": true, "signin": true, "signout": true, "sso": true, "saml": true, "oidc": true,
	"authorize": true, "authorization": true, "redirect": true, "download": true, "downloads": true, "share": true,
	"shared": true, "file": true, "files": true, "export": true, "exports": true, "invite": true, "invites": true,
	"verify": true, "confirm": true, "unsubscribe": true, "reset": true, "magic": true, "action": true, "actions": true,
	"attachment": true, "attachments": true, "raw": true, "start": true}

// browserOpens: a route path a browser navigates to by itself.
func browserOpens(path string) bool {
	for _, seg := range strings.Split(strings.Trim(path, "/"), "/") {
		if strings.HasPrefix(seg, ":") {
			continue
		}
		if i := strings.LastIndexByte(seg, '.'); i > 0 && i < len(seg)-1 && !strings.ContainsAny(seg[i:], "*{}") {
			return true // a file name: /report.csv, /feed.xml
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(seg), func(r rune) bool { return r == '-' || r == '_' }) {
			if navigationWords[w] {
				return true
			}
		}
	}
	return false
}
