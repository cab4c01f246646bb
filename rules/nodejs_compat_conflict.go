package rules

import (
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "nodejs-compat-conflict",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "`compatibility_flags` sets more than one of `nodejs_compat`, `nodejs_compat_v2` and their `experimental:` variants",
		Why: "The flags select different Node.js compatibility layers; wrangler refuses the combination. Since 2024-09-23 " +
			"nodejs_compat alone gives the v2 behaviour.",
		Bad: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "compatibility_flags": ["nodejs_compat", "nodejs_compat_v2"]
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
  "compatibility_flags": ["nodejs_compat"]
}
-- src/index.ts --
export default {
  async fetch() {
    return new Response("Hello");
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: func(p *lint.Pass) {
		eachEnv(p, func(w *project.Worker, e *wrangler.Env) {
			var first *wrangler.Node
			for _, f := range e.Node.Get("compatibility_flags").Strings() {
				if !strings.HasPrefix(strings.TrimPrefix(f.Str, "experimental:"), "nodejs_compat") || f.Str == "nodejs_compat_populate_process_env" || f.Str == "nodejs_compat_do_not_populate_process_env" {
					continue
				}
				if first == nil {
					first = f
					continue
				}
				p.Report(f.Span, e, source.Quote(f.Str)+" conflicts with "+source.Quote(first.Str)+" ("+lineOf(first.Span)+
					"): wrangler refuses both; keep only \"nodejs_compat\"")
			}
		})
	},
})
