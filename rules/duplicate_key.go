package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "duplicate-key",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "a key is given twice in one JSONC object",
		Why: "wrangler reads .json and .jsonc files as JSONC and silently keeps the last value of a repeated key, so an " +
			"edit to the first one does nothing. (TOML rejects duplicate keys itself.)",
		Bad: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "main": "src/old.ts" // wins over the first "main"
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
  "compatibility_date": "2025-10-01"
}
-- src/index.ts --
export default {
  async fetch() {
    return new Response("Hello");
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: func(p *lint.Pass) {
		for _, w := range p.Project.Workers {
			if w.Config.Format != "toml" {
				walkDuplicates(p, w.Config.Root)
			}
		}
	},
})

func walkDuplicates(p *lint.Pass, n *wrangler.Node) {
	first := map[string]*wrangler.Member{}
	for _, m := range n.Members {
		if prev, dup := first[m.Key]; dup {
			p.ReportRelated(m.KeySpan, nil, "key "+source.Quote(m.Key)+" is given again (first at "+lineOf(prev.KeySpan)+
				"): wrangler silently keeps this last value and ignores the first; remove one",
				[]lint.Related{{Span: prev.KeySpan, Note: "first " + source.Quote(m.Key) + ", ignored"}})
		} else {
			first[m.Key] = m
		}
		walkDuplicates(p, m.Value)
	}
	for _, it := range n.Items {
		walkDuplicates(p, it)
	}
}
