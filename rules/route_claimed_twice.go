package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "route-claimed-twice",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "one route pattern or custom domain is claimed by two deployments (different Worker names) of the repository",
		Why: "A route or custom domain belongs to one Worker. The second deploy of a pattern another Worker holds fails " +
			"(\"Can't deploy routes that are assigned to another worker\"), and a custom domain is moved to the last Worker " +
			"deployed without a question when wrangler runs outside a terminal (CI sends override_existing_origin), so " +
			"the other one silently stops answering. `route`, `routes` and `workers_dev` are inherited by `env.<name>`: an " +
			"environment that does not write its own routes deploys `<name>-<env>` on the top level's routes (wrangler " +
			">= 4.98.0 warns only for custom domains). Give such an environment its own routes, `\"routes\": []` for none.",
		Bad: `-- wrangler.jsonc --
{
  "name": "shop",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "routes": [{ "pattern": "shop.example.com", "custom_domain": true }],
  "env": {
    "staging": { // deploys shop-staging on shop.example.com
      "vars": { "MODE": "staging" }
    }
  }
}
-- src/index.ts --
export default {
  async fetch() {
    return new Response("Hello");
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "shop",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "routes": [{ "pattern": "shop.example.com", "custom_domain": true }],
  "env": {
    "staging": {
      "routes": [{ "pattern": "staging.shop.example.com", "custom_domain": true }],
      "vars": { "MODE": "staging" }
    }
  }
}
-- src/index.ts --
export default {
  async fetch() {
    return new Response("Hello");
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: runRouteClaimedTwice,
})

type routeClaim struct {
	w *project.Worker
	e *wrangler.Env
	r routeEntry
}

func runRouteClaimedTwice(p *lint.Pass) {
	first := map[string]routeClaim{} // by pattern, the first deployment writing it
	for _, w := range p.Project.Workers {
		if w.TestHarness || w.Template || w.IsPages() {
			continue // not deployed as it is; Pages projects have no routes (pages-config-unsupported)
		}
		top := w.Config.Top()
		for _, e := range w.Config.Envs {
			name := e.WorkerName()
			if name == "" {
				continue
			}
			if !ownsRoutes(e) {
				reportInheritedRoutes(p, w, top, e)
				continue
			}
			for _, r := range routesOf(e) {
				key := normalRoute(r.Pattern)
				prev, seen := first[key]
				if !seen {
					first[key] = routeClaim{w, e, r}
					continue
				}
				if prev.e.WorkerName() == name || w.RoutingOnly {
					continue // the same Worker deployed from two configs
				}
				p.ReportRelated(r.PatternNode.Span, e, describeRoute(r)+" is also claimed by "+deploymentName(prev.w, prev.e)+
					": "+deploymentName(w, e)+" and that Worker cannot both hold it; "+routeConflictEffect(r)+"; keep it in one deployment",
					[]lint.Related{{Span: prev.r.PatternNode.Span, Note: "claimed here by Worker " + source.Quote(prev.e.WorkerName())}})
			}
		}
	}
}

// reportInheritedRoutes reports an environment that deploys another
// Worker name on the top level's routes.
func reportInheritedRoutes(p *lint.Pass, w *project.Worker, top, e *wrangler.Env) {
	if w.RoutingOnly || e.WorkerName() == top.WorkerName() {
		return
	}
	routes := routesOf(e)
	if len(routes) == 0 {
		return
	}
	var patterns []string
	var related []lint.Related
	custom := false
	for _, r := range routes {
		patterns = append(patterns, r.Pattern)
		custom = custom || r.CustomDomain
		related = append(related, lint.Related{Span: r.PatternNode.Span, Note: "the top level's " + describeRoute(r) + ", inherited"})
	}
	effect := "the deploy of one fails with \"Can't deploy routes that are assigned to another worker\""
	if custom {
		effect = "deploying one moves the custom domains to it (silently outside a terminal) and the other stops answering there"
	}
	p.ReportRelated(configSpan(e), e, e.Label()+" writes no routes of its own, so it deploys Worker "+source.Quote(e.WorkerName())+
		" on the top level's "+source.QuoteList(patterns)+", which Worker "+source.Quote(top.WorkerName())+" also claims: "+effect+
		"; give "+e.Label()+" its own \"routes\" (\"routes\": [] for none)", related)
}

func describeRoute(r routeEntry) string {
	if r.CustomDomain {
		return "custom domain " + source.Quote(r.Pattern)
	}
	return "route " + source.Quote(r.Pattern)
}

func routeConflictEffect(r routeEntry) string {
	if r.CustomDomain {
		return "the last deploy takes the custom domain (without a question outside a terminal) and the other Worker stops answering there"
	}
	return "the second deploy fails with \"Can't deploy routes that are assigned to another worker\""
}
