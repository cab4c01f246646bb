package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "unknown-field",
	Severity: lint.SeverityWarning,
	Doc: lint.Doc{
		Summary: "a key wrangler does not know, or a top-level-only key inside `env.<name>`",
		Why: "wrangler ignores unknown keys with a warning (\"Unexpected fields found\"), so a misspelled " +
			"`compatability_date` or a binding's `clas_name` silently does nothing. The check uses the config schema of the " +
			"wrangler installed in the project (node_modules/wrangler/config-schema.json, the file `$schema` usually points " +
			"to), so it matches the exact version you deploy with; without one it uses the schema built into wranglint, " +
			"generated from wrangler's. Keys such as send_metrics or site are read only at the top level. Keys wrangler reads beyond " +
			"its schema are never reported: `services[].environment`, hidden `containers` fields, and the keys wrangler 3.x still " +
			"reads (`legacy_assets`, `node_compat`, ...) when the project's wrangler (installed, locked or declared) is 3.x; with a " +
			"wrangler newer than the built-in schema, only near misses of known keys are reported (docs/workers-contracts.md, section 13).",
		Bad: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatability_date": "2025-10-01"
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
			v := w.WranglerVersion()
			schema := w.Schema
			// A wrangler newer than the built-in schema may read keys it
			// does not know: only near misses of known keys are reported.
			newer := schema == wrangler.Builtin() && v.Known && v.Newer(wrangler.BuiltinVersion())
			for _, u := range schema.UnknownFields(w.Config.Root) {
				if wrangler.Accepted(u.Path, u.Member.Key, v) {
					continue // wrangler reads it beyond its schema
				}
				near := source.Closest(u.Member.Key, u.Known, max(2, len(u.Member.Key)/3))
				if newer && near == "" && !u.TopOnly {
					continue
				}
				p.Report(u.Member.KeySpan, nil, unknownMessage(u, schema, near, wrangler.Silently(u.Path, v)))
			}
		}
	},
})

func unknownMessage(u wrangler.UnknownField, s *wrangler.Schema, near string, silently bool) string {
	where := "at the top level"
	if u.Path != "" {
		where = "in " + u.Path
	}
	if u.TopOnly {
		return source.Quote(u.Member.Key) + " is read only at the top level; " + where + " wrangler ignores it"
	}
	how := "with a warning"
	if silently {
		how = "without a word"
	}
	msg := "unknown field " + source.Quote(u.Member.Key) + " " + where + ": wrangler ignores it " + how
	if near != "" {
		msg += "; did you mean " + source.Quote(near) + "?"
	}
	return msg + " (" + s.Source + ")"
}
