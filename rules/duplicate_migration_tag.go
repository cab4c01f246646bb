package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "duplicate-migration-tag",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "two migration steps have the same tag",
		Why: "wrangler uploads every step after the last tag the Worker has applied, found by its tag. With a repeated tag " +
			"the deploy skips or replays the wrong steps; wrangler itself does not complain.",
		Bad: `-- wrangler.jsonc --
{
  "name": "chat",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "durable_objects": {
    "bindings": [
      { "name": "CHAT", "class_name": "Chat" },
      { "name": "ROOM", "class_name": "Room" }
    ]
  },
  "migrations": [
    { "tag": "v1", "new_sqlite_classes": ["Chat"] },
    { "tag": "v1", "new_sqlite_classes": ["Room"] }
  ]
}
-- src/index.ts --
import { DurableObject } from "cloudflare:workers";

export class Chat extends DurableObject {}
export class Room extends DurableObject {}

export default {
  async fetch(request: Request, env: Env) {
    return env.ROOM.getByName("lobby").fetch(request);
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "chat",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "durable_objects": {
    "bindings": [
      { "name": "CHAT", "class_name": "Chat" },
      { "name": "ROOM", "class_name": "Room" }
    ]
  },
  "migrations": [
    { "tag": "v1", "new_sqlite_classes": ["Chat"] },
    { "tag": "v2", "new_sqlite_classes": ["Room"] }
  ]
}
-- src/index.ts --
import { DurableObject } from "cloudflare:workers";

export class Chat extends DurableObject {}
export class Room extends DurableObject {}

export default {
  async fetch(request: Request, env: Env) {
    return env.ROOM.getByName("lobby").fetch(request);
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: func(p *lint.Pass) {
		eachEnv(p, func(w *project.Worker, e *wrangler.Env) {
			if !declares(e, "migrations") {
				return
			}
			first := map[string]*wrangler.Node{}
			for _, t := range e.Migrations().Tags {
				if prev, dup := first[t.Str]; dup {
					p.ReportRelated(t.Span, e, "migration tag "+source.Quote(t.Str)+" is used again (first at "+lineOf(prev.Span)+
						"): wrangler finds applied steps by tag, so it would skip or repeat steps; give this step a new tag"+inEnvSuffix(e),
						[]lint.Related{{Span: prev.Span, Note: "first step tagged " + source.Quote(t.Str)}})
					continue
				}
				first[t.Str] = t
			}
		})
	},
})
