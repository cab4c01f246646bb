package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "prefer-sqlite-classes",
	Severity: lint.SeverityInfo,
	Requires: []*lint.Analysis{analyses.Classes},
	Doc: lint.Doc{
		Summary: "a Durable Object class is created with key-value storage (`new_classes`)",
		Why: "SQLite storage (new_sqlite_classes) is what Cloudflare recommends for new classes: it offers SQL, point-in-time " +
			"recovery, and is required by the Agents SDK. The storage kind cannot be changed after the first deploy, so this is " +
			"advice for classes that are not deployed yet, not an error: a class named by a renamed_classes step has been deployed " +
			"and is not reported, and environments repeating one history give one finding. " +
			"Agents SDK classes are reported by agent-requires-sqlite.",
		Bad: `-- wrangler.jsonc --
{
  "name": "counter",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "durable_objects": { "bindings": [{ "name": "COUNTER", "class_name": "Counter" }] },
  "migrations": [{ "tag": "v1", "new_classes": ["Counter"] }]
}
-- src/index.ts --
import { DurableObject } from "cloudflare:workers";

export class Counter extends DurableObject {}

export default {
  async fetch(request: Request, env: Env) {
    return env.COUNTER.getByName("global").fetch(request);
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "counter",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "durable_objects": { "bindings": [{ "name": "COUNTER", "class_name": "Counter" }] },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["Counter"] }]
}
-- src/index.ts --
import { DurableObject } from "cloudflare:workers";

export class Counter extends DurableObject {}

export default {
  async fetch(request: Request, env: Env) {
    return env.COUNTER.getByName("global").fetch(request);
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: func(p *lint.Pass) {
		reported := map[*project.Worker]map[string]bool{} // environments repeating one history: one finding
		eachEnv(p, func(w *project.Worker, e *wrangler.Env) {
			if !declares(e, "migrations") {
				return
			}
			h := e.Migrations()
			if reported[w] == nil {
				reported[w] = map[string]bool{}
			}
			for _, c := range sortedClasses(h) {
				if c.Storage != wrangler.StorageKV || reported[w][c.Name] || renamedInto(h, c) {
					continue
				}
				reported[w][c.Name] = true
				if base, ok := analyses.ClassesOf(p).BaseOf(w, e, c.Name); ok && (base.IsAgentsSDK() || base.IsContainer()) {
					continue
				}
				p.Report(c.Created.Span, e, "class "+source.Quote(c.Name)+" is created with key-value storage (new_classes); "+
					"new classes should use \"new_sqlite_classes\" (the kind cannot change after the first deploy, so only before it is deployed)")
			}
		})
	},
})

func sortedClasses(h *wrangler.MigrationHistory) []*wrangler.ClassState {
	var out []*wrangler.ClassState
	for _, name := range source.SortedKeys(h.Classes) {
		out = append(out, h.Classes[name])
	}
	return out
}

// renamedInto: the class got its name by a rename, so it has been
// deployed and its storage can no longer change: the advice comes too
// late. (A class created before the last migration may still be new to a
// fresh deploy of an example, so that alone says nothing.)
func renamedInto(h *wrangler.MigrationHistory, c *wrangler.ClassState) bool {
	for _, r := range h.Removed {
		if r.Renamed == c.Name {
			return true
		}
	}
	return false
}
