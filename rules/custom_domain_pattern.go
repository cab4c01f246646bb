package rules

import (
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "custom-domain-pattern",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "a `custom_domain` route has a wildcard or a path: a Custom Domain is a whole host",
		Why: "A Custom Domain points every path of one host at the Worker, so its pattern is a host name alone. wrangler " +
			">= 3.77.0 refuses the deploy before uploading (\"Invalid Routes: ... Wildcard operators (*) are not allowed in " +
			"Custom Domains\" / \"Paths are not allowed in Custom Domains\", for any `/`, even a trailing one; " +
			"workers-sdk deploy-helpers validate-routes.ts); the mistake is usually a route pattern (`example.com/*`) marked " +
			"custom_domain. Write the host alone, or drop custom_domain to keep a zone route with its wildcard.",
		Bad: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "routes": [{ "pattern": "api.example.com/*", "custom_domain": true }]
}
-- src/index.ts --
export default {
  async fetch() {
    return new Response("Hello");
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "routes": [
    { "pattern": "api.example.com", "custom_domain": true },
    { "pattern": "example.com/api/*", "zone_name": "example.com" }
  ]
}
-- src/index.ts --
export default {
  async fetch() {
    return new Response("Hello");
  },
} satisfies ExportedHandler<Env>;`,
		Fix:       "unsafe: where the host has no wildcard, the pattern becomes the host alone (the Custom Domain then serves every path of it)",
		FixSafety: lint.FixUnsafe,
	},
	Run: func(p *lint.Pass) {
		for _, w := range p.Project.Workers {
			for _, e := range w.Config.Envs {
				if !ownsRoutes(e) {
					continue
				}
				for _, r := range routesOf(e) {
					if r.CustomDomain {
						checkCustomDomain(p, e, r)
					}
				}
			}
		}
	},
})

func checkCustomDomain(p *lint.Pass, e *wrangler.Env, r routeEntry) {
	pattern := strings.TrimPrefix(strings.TrimPrefix(r.Pattern, "https://"), "http://")
	slash := strings.IndexByte(pattern, '/')
	star := strings.IndexByte(pattern, '*') >= 0
	if slash < 0 && !star {
		return
	}
	var what []string
	if star {
		what = append(what, "a wildcard")
	}
	if slash >= 0 {
		what = append(what, "a path")
	}
	host := pattern
	if slash >= 0 {
		host = pattern[:slash]
	}
	msg := "custom domain " + source.Quote(r.Pattern) + inEnv(e) + " has " + joinAnd(what) +
		": a Custom Domain is a whole host, and wrangler >= 3.77.0 refuses the deploy (\"Invalid Routes\")"
	var fix *lint.Fix
	if host != "" && !strings.Contains(host, "*") {
		msg += "; write the host alone (" + source.Quote(host) + "), or drop custom_domain to make it a zone route"
		fix = &lint.Fix{Description: "make the custom domain " + source.Quote(host), Applicability: lint.Unsafe,
			Edits: []source.Edit{quotedEdit(r.PatternNode.Span, host)}}
	} else {
		msg += "; name one host per custom domain, or drop custom_domain to make it a zone route"
	}
	p.Report(r.PatternNode.Span, e, msg, fix)
}
