package rules

import (
	"path/filepath"

	"github.com/wranglint/wranglint/lint"
)

var _ = register(&lint.Rule{
	ID:       "config-shadowed",
	Severity: lint.SeverityWarning,
	Doc: lint.Doc{
		Summary: "wrangler, run in this config's folder, would read another config file",
		Why: "wrangler looks for wrangler.json, then wrangler.jsonc, then wrangler.toml, each from the current folder " +
			"upwards. A folder with two config files uses only the first, and a wrangler.json or wrangler.jsonc in a parent " +
			"folder (a monorepo root) wins over a project's own wrangler.jsonc or wrangler.toml. Edits to the shadowed file " +
			"silently do nothing.",
		Bad: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01"
}
-- wrangler.toml --
# the old config, still edited by some; wrangler reads wrangler.jsonc
name = "api"
main = "src/index.ts"
compatibility_date = "2024-06-01"
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
			winner := w.ShadowedBy
			if winner == "" {
				continue
			}
			where := "in the same folder"
			if filepath.Dir(winner) != w.Config.Dir {
				where = "in a parent folder"
			}
			span := w.Config.Root.Span
			span.End = span.Start + 1
			p.Report(span, nil, "wrangler run here reads "+p.Project.Rel(winner)+" ("+where+") instead of this file: "+
				"it looks for wrangler.json, then wrangler.jsonc, then wrangler.toml, upwards from the folder; remove one, or pass --config")
		}
	},
})
