package rules

import (
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "workers-dev-url-disabled",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "the code calls `<name>.<subdomain>.workers.dev` of a repository Worker whose deploy turns its workers.dev URL off",
		Why: "wrangler decides the workers.dev URL on every deploy: `workers_dev`, or when it is not set, on only when the " +
			"deployment has no `route`/`routes` (custom domains count), the same rule from wrangler 3.0.0 to 4.164.0; both keys " +
			"are inherited by environments. A Worker deployed with routes and no `workers_dev: true` has no workers.dev URL, " +
			"so a client (front end, another Worker, a script) that calls it there gets no answer from the Worker. Call one of " +
			"its routes instead, or set `workers_dev: true`. Every deployment of the repository with that name must have it " +
			"off for the rule to speak.",
		Bad: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "routes": [{ "pattern": "api.example.com", "custom_domain": true }] // workers.dev off by default
}
-- src/index.ts --
export default {
  async fetch() {
    return new Response("Hello");
  },
} satisfies ExportedHandler<Env>;
-- web/src/api.ts --
export const API = "https://api.acme.workers.dev/v1";`,
		Good: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "routes": [{ "pattern": "api.example.com", "custom_domain": true }]
}
-- src/index.ts --
export default {
  async fetch() {
    return new Response("Hello");
  },
} satisfies ExportedHandler<Env>;
-- web/src/api.ts --
export const API = "https://api.example.com/v1";`,
	},
	Run: runWorkersDevURLDisabled,
})

func runWorkersDevURLDisabled(p *lint.Pass) {
	byName := map[string][]project.Deployment{}
	for _, w := range p.Project.Workers {
		for _, e := range w.Config.Envs {
			if name := strings.ToLower(e.WorkerName()); name != "" && !w.TestHarness {
				byName[name] = append(byName[name], project.Deployment{Worker: w, Env: e})
			}
		}
	}
	seen := map[string]bool{}
	for _, sf := range p.Project.Sources {
		if project.IsTestFile(sf.File.Path) {
			continue
		}
		for _, u := range sf.WorkersDevURLs {
			labels := strings.Split(u.Host, ".")
			if len(labels) != 4 || seen[u.Span.String()] {
				continue // <name>.<subdomain>.workers.dev only
			}
			ds := byName[labels[0]]
			if len(ds) == 0 || anyWorkersDev(ds) {
				continue
			}
			seen[u.Span.String()] = true
			reportWorkersDevURL(p, u, ds)
		}
	}
}

func anyWorkersDev(ds []project.Deployment) bool {
	for _, d := range ds {
		if project.WorkersDevEnabled(d.Env) {
			return true
		}
	}
	return false
}

func reportWorkersDevURL(p *lint.Pass, u jscode.HostURL, ds []project.Deployment) {
	d := ds[0]
	why, at := workersDevOffReason(d.Env)
	var hosts []string
	for _, r := range routesOf(d.Env) {
		hosts = append(hosts, r.Pattern)
	}
	advice := "set \"workers_dev\": true in " + d.Label()
	if len(hosts) > 0 {
		advice = "call one of its routes (" + source.QuoteList(hosts) + ") instead, or " + advice
	}
	p.ReportRelated(u.Span, nil, "the code names "+source.Quote(u.Host)+", the workers.dev URL of Worker "+source.Quote(d.Env.WorkerName())+
		", but "+deploymentName(d.Worker, d.Env)+" deploys with workers.dev off ("+why+"): the URL answers nothing from the Worker; "+advice,
		[]lint.Related{{Span: at, Note: why}})
}

// workersDevOffReason says why a deployment's workers.dev URL is off, and
// where that is written.
func workersDevOffReason(e *wrangler.Env) (string, source.Span) {
	if n := e.Get("workers_dev"); n != nil && n.Kind == wrangler.KindBool {
		return "\"workers_dev\": false", n.Span
	}
	for _, key := range []string{"routes", "route"} {
		if n := e.Get(key); n != nil {
			return "routes are set and workers_dev is not, so wrangler turns it off", n.Span
		}
	}
	return "workers_dev is off", configSpan(e)
}
