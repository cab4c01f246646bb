package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "migrations-exports-conflict",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "a config has both `migrations` and `exports`",
		Why: "`exports` is the newer, declarative way to create Durable Object classes and replaces migrations; wrangler " +
			"refuses a config that uses both, because the two histories could disagree.",
		Bad: `"migrations": [{ "tag": "v1", "new_sqlite_classes": ["Chat"] }],
"exports": { "Chat": { "type": "durable-object", "storage": "sqlite" } }`,
		Good: `"exports": { "Chat": { "type": "durable-object", "storage": "sqlite" } }`,
	},
	Run: func(p *lint.Pass) {
		eachEnv(p, func(w *lint.Worker, e *wrangler.Env) {
			if e.Get("migrations") == nil || e.Get("exports") == nil || !(declares(e, "migrations") || declares(e, "exports")) {
				return
			}
			owner := e.Node
			if e.Own("exports") == nil {
				owner = e.Config.Root
			}
			p.Report(owner.Member("exports").KeySpan, e, "both \"migrations\" and \"exports\" are set"+inEnv(e)+
				": wrangler refuses the config; move the classes to \"exports\" and remove \"migrations\", or keep only \"migrations\"")
		})
	},
})
