package rules

import (
	"sort"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "duplicate-binding-name",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "one name is used by two bindings (of any kinds), vars or `secrets.required` in one environment",
		Why: "env holds one value per name. wrangler rejects the config (\"Bindings must have unique names\"), but only " +
			"for the environment being deployed.",
		Bad: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "kv_namespaces": [{ "binding": "CACHE", "id": "0f2ac74b498b48028cb68387c421e279" }],
  "vars": { "CACHE": "on" }
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
  "kv_namespaces": [{ "binding": "CACHE", "id": "0f2ac74b498b48028cb68387c421e279" }],
  "vars": { "CACHE_MODE": "on" }
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
			first := map[string]wrangler.Binding{}
			bindings := e.Bindings()
			sort.SliceStable(bindings, func(i, j int) bool { return bindings[i].Span().Start < bindings[j].Span().Start })
			for _, b := range bindings {
				prev, dup := first[b.Name]
				if !dup {
					first[b.Name] = b
					continue
				}
				kinds := "two " + b.Kind + " entries"
				if prev.Kind != b.Kind {
					kinds = prev.Kind + " and " + b.Kind
				}
				p.ReportRelated(b.Span(), e, "binding name "+source.Quote(b.Name)+inEnv(e)+" is used by "+kinds+" (first at "+
					lineOf(prev.Span())+"): env."+b.Name+" can hold only one and wrangler rejects the config; rename one",
					[]lint.Related{{Span: prev.Span(), Note: "first " + prev.Kind + " binding " + source.Quote(b.Name)}})
			}
		})
	},
})
