package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "binding-to-deleted-class",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "a Durable Object binding names a class that the migrations delete or rename away",
		Why: "After the migrations run, the class no longer exists (or exists under its new name), so the API rejects the " +
			"binding at deploy time. This usually happens when a class was renamed in a migration but one environment's " +
			"binding still uses the old name.",
		Bad: `-- wrangler.jsonc --
{
  "name": "chat",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "durable_objects": {
    "bindings": [{ "name": "CHAT", "class_name": "Chat" }]
  },
  "migrations": [
    { "tag": "v1", "new_sqlite_classes": ["Chat"] },
    { "tag": "v2", "renamed_classes": [{ "from": "Chat", "to": "Room" }] }
  ]
}
-- src/index.ts --
import { DurableObject } from "cloudflare:workers";

export class Room extends DurableObject {}

export default {
  async fetch(request: Request, env: Env) {
    return env.CHAT.getByName("lobby").fetch(request);
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "chat",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "durable_objects": {
    "bindings": [{ "name": "CHAT", "class_name": "Room" }]
  },
  "migrations": [
    { "tag": "v1", "new_sqlite_classes": ["Chat"] },
    { "tag": "v2", "renamed_classes": [{ "from": "Chat", "to": "Room" }] }
  ]
}
-- src/index.ts --
import { DurableObject } from "cloudflare:workers";

export class Room extends DurableObject {}

export default {
  async fetch(request: Request, env: Env) {
    return env.CHAT.getByName("lobby").fetch(request);
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: func(p *lint.Pass) {
		eachEnv(p, func(w *project.Worker, e *wrangler.Env) {
			h := e.Migrations()
			for _, b := range e.DurableObjects() {
				r, removed := h.Removed[b.ClassName]
				if !b.Local() || !removed || h.Classes[b.ClassName] != nil {
					continue
				}
				what := "deletes it"
				if r.Renamed != "" {
					what = "renames it to " + source.Quote(r.Renamed)
				}
				p.Report(b.ClassNode.Span, e, "binding "+source.Quote(b.Name)+inEnv(e)+" uses class "+source.Quote(b.ClassName)+
					", but migration "+source.Quote(r.Tag)+" ("+lineOf(r.Node.Span)+") "+what+": the deploy fails")
			}
		})
	},
})
