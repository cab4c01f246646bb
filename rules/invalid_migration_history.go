package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "invalid-migration-history",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "replaying the migrations deletes or renames a class that does not exist, creates one that exists, or meets a malformed step",
		Why: "The runtime replays migrations in order, and within one step applies deleted, then renamed, then new, then " +
			"new_sqlite classes. A step that deletes or renames a class that is not there, or creates one twice, is rejected " +
			"at deploy time; a step without a tag cannot be tracked at all. wrangler checks none of this before uploading. Configs that only run tests (named as wrangler.configPath by a vitest config, or below a test, tests, e2e or __tests__ folder) are never deployed and are not checked.",
		Bad: `-- wrangler.jsonc --
{
  "name": "chat",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "durable_objects": {
    "bindings": [{ "name": "ROOM", "class_name": "Room" }]
  },
  "migrations": [
    { "tag": "v1", "new_sqlite_classes": ["Chat"] },
    { "tag": "v2", "renamed_classes": [{ "from": "Chats", "to": "Room" }] }
  ]
}
-- src/index.ts --
import { DurableObject } from "cloudflare:workers";

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
    "bindings": [{ "name": "ROOM", "class_name": "Room" }]
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
    return env.ROOM.getByName("lobby").fetch(request);
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: func(p *lint.Pass) {
		eachDeployedEnv(p, func(w *project.Worker, e *wrangler.Env) {
			if !declares(e, "migrations") {
				return
			}
			for _, pr := range e.Migrations().Problems {
				p.Report(pr.Node.Span, e, pr.Msg+inEnvSuffix(e))
			}
		})
	},
})

// inEnvSuffix is " (in env "x")" for messages that already name a place.
func inEnvSuffix(e *wrangler.Env) string {
	if e.IsTop() {
		return ""
	}
	return " (in " + e.Label() + ")"
}
