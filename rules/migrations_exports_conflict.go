package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "migrations-exports-conflict",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "a config has both `migrations` and `exports`",
		Why: "`exports` is the newer, declarative way to create Durable Object classes and replaces migrations; wrangler " +
			"refuses a config that uses both, because the two histories could disagree (errorIfMigrationsAndExportsBothSet: a non-empty " +
			"migrations list and an exports entry of type \"durable-object\"; exports that only configure Worker entrypoints may sit beside migrations).",
		Bad: `-- wrangler.jsonc --
{
  "name": "chat",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "durable_objects": { "bindings": [{ "name": "CHAT", "class_name": "Chat" }] },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["Chat"] }],
  "exports": { "Chat": { "type": "durable-object", "storage": "sqlite" } }
}
-- src/index.ts --
import { DurableObject } from "cloudflare:workers";

export class Chat extends DurableObject {}

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
  "durable_objects": { "bindings": [{ "name": "CHAT", "class_name": "Chat" }] },
  "exports": { "Chat": { "type": "durable-object", "storage": "sqlite" } }
}
-- src/index.ts --
import { DurableObject } from "cloudflare:workers";

export class Chat extends DurableObject {}

export default {
  async fetch(request: Request, env: Env) {
    return env.CHAT.getByName("lobby").fetch(request);
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: func(p *lint.Pass) {
		eachEnv(p, func(w *project.Worker, e *wrangler.Env) {
			if !e.Get("migrations").IsArray() || len(e.Get("migrations").Items) == 0 || !exportsDurableObject(e.Get("exports")) || !(declares(e, "migrations") || declares(e, "exports")) {
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

// exportsDurableObject: an exports map with an entry of type
// "durable-object" (Worker entrypoint entries do not declare classes).
func exportsDurableObject(exports *wrangler.Node) bool {
	if !exports.IsObject() {
		return false
	}
	for _, m := range exports.Members {
		if t, _ := m.Value.GetString("type"); t == "durable-object" {
			return true
		}
	}
	return false
}
