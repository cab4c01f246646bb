package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "invalid-binding-name",
	Severity: lint.SeverityWarning,
	Doc: lint.Doc{
		Summary: "a binding name is not a JavaScript identifier",
		Why: "wrangler accepts it, but `env.my-kv` cannot be written in code (only `env[\"my-kv\"]`), and `wrangler types` " +
			"has to quote it. Durable Object bindings with such names also get surprising URL namespaces.",
		Bad: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "kv_namespaces": [{ "binding": "my-kv", "id": "0f2ac74b498b48028cb68387c421e279" }]
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
  "kv_namespaces": [{ "binding": "MY_KV", "id": "0f2ac74b498b48028cb68387c421e279" }]
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
			for _, b := range e.Bindings() {
				if !sdk.IsIdentifier(b.Name) {
					p.Report(b.Span(), e, b.Kind+" binding "+source.Quote(b.Name)+inEnv(e)+" is not a JavaScript identifier: "+
						"the code must write env["+source.Quote(b.Name)+"] instead of env.NAME; use letters, digits, _ and $")
				}
			}
		})
	},
})
