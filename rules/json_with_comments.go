package rules

import (
	"path/filepath"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/source"
)

var _ = register(&lint.Rule{
	ID:       "json-with-comments",
	Severity: lint.SeverityInfo,
	Doc: lint.Doc{
		Summary: "a `wrangler.json` contains comments or trailing commas",
		Why: "wrangler reads it as JSONC, but every other tool (editors, jq, JSON schema validators, CI scripts) sees " +
			"invalid JSON. The .jsonc name says what the file is.",
		Bad: `-- wrangler.json --
{
  "name": "api", // the public API
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01"
}
-- src/index.ts --
export default {
  async fetch() {
    return new Response("Hello");
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "api", // the public API
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01"
}
-- src/index.ts --
export default {
  async fetch() {
    return new Response("Hello");
  },
} satisfies ExportedHandler<Env>;`,
		Fix: "rename the file to wrangler.jsonc, when no other config is in the folder. Unsafe: whatever names the file " +
			"(`wrangler deploy -c wrangler.json` in package.json scripts or CI, a vitest config's configPath) then names one " +
			"that no longer exists; `--fix --unsafe-fixes` applies it, after which those references need the new name.",
		FixSafety: lint.FixUnsafe,
	},
	Run: func(p *lint.Pass) {
		for _, w := range p.Project.Workers {
			c := w.Config
			if c.Format != "json" {
				continue
			}
			comment, comma := c.CommentsAndTrailingCommas()
			at, what := comment, "comments"
			if at < 0 || (comma >= 0 && comma < at) {
				at, what = comma, "trailing commas"
			}
			if at < 0 {
				continue
			}
			var fix *lint.Fix
			target := filepath.Join(c.Dir, "wrangler.jsonc")
			if w.ShadowedBy == "" && !w.Siblings["wrangler.jsonc"] && !w.Siblings["wrangler.toml"] {
				fix = &lint.Fix{Description: "rename wrangler.json to wrangler.jsonc (then update what passes -c wrangler.json)", Applicability: lint.Unsafe,
					Renames: []source.Rename{{File: c.File, To: target}}}
			}
			p.Report(source.Span{File: c.File, Start: at, End: at + 1}, nil, "wrangler.json has "+what+
				": wrangler accepts them, other JSON tools do not; rename it to wrangler.jsonc", fix)
		}
	},
})
