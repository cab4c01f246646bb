package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "container-class-unknown",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "a container's `class_name` is not a Durable Object class of the same Worker",
		Why: "A container runs inside a Durable Object of the Worker that configures it. wrangler refuses the config when " +
			"containers[].class_name matches no class of this Worker (bound, created by a migration or declared in exports): " +
			"\"The container class_name <C> does not match any durable object class_name defined in your Wrangler config " +
			"file. Note that the durable object must be defined in the same script as the container.\", and when the only " +
			"binding to it has a script_name: \"... which appears to be defined on the <W> Worker instead (via the " +
			"'script_name' field). You cannot configure a container on a Durable Object that is defined in another Worker.\" " +
			"(workers-utils containers config, wrangler 4.x). `containers` and Durable Object bindings are not inherited, so " +
			"each environment is checked on its own.",
		Bad: `-- wrangler.jsonc --
{
  "name": "box",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "containers": [{ "class_name": "Boxes", "image": "./Dockerfile" }],
  "durable_objects": { "bindings": [{ "name": "BOX", "class_name": "Box" }] },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["Box"] }]
}
-- Dockerfile --
FROM alpine
-- src/index.ts --
import { DurableObject } from "cloudflare:workers";

export class Box extends DurableObject {}

export default {
  async fetch(request: Request, env: Env) {
    return env.BOX.getByName("main").fetch(request);
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "box",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "containers": [{ "class_name": "Box", "image": "./Dockerfile" }],
  "durable_objects": { "bindings": [{ "name": "BOX", "class_name": "Box" }] },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["Box"] }]
}
-- Dockerfile --
FROM alpine
-- src/index.ts --
import { DurableObject } from "cloudflare:workers";

export class Box extends DurableObject {}

export default {
  async fetch(request: Request, env: Env) {
    return env.BOX.getByName("main").fetch(request);
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: func(p *lint.Pass) {
		eachEnv(p, func(w *project.Worker, e *wrangler.Env) {
			for _, c := range containerApps(e) {
				if c.ClassNode == nil || c.ClassName == "" || isLocalDurableObject(e, c.ClassName) {
					continue
				}
				msg := "container class_name " + source.Quote(c.ClassName) + inEnv(e) + " is no Durable Object class of this Worker " +
					"(no binding, migration or export defines it): wrangler refuses the config (\"does not match any durable object " +
					"class_name defined in your Wrangler config file\")"
				var related []lint.Related
				for _, b := range e.DurableObjects() {
					if b.ClassName == c.ClassName && !b.Local() {
						msg = "container class_name " + source.Quote(c.ClassName) + inEnv(e) + " is bound only through script_name " +
							source.Quote(b.ScriptName) + ": a container runs in a Durable Object of the Worker that configures it, and " +
							"wrangler refuses the config (\"You cannot configure a container on a Durable Object that is defined in another Worker\")"
						related = append(related, lint.Related{Span: b.Node.Span, Note: "binding " + source.Quote(b.Name) + " of Worker " + source.Quote(b.ScriptName)})
						break
					}
				}
				if len(related) == 0 {
					var names []string
					for _, b := range e.DurableObjects() {
						if b.Local() && b.ClassName != "" && !contains(names, b.ClassName) {
							names = append(names, b.ClassName)
						}
					}
					names = append(names, source.SortedKeys(e.Migrations().Classes)...)
					if near := source.Closest(c.ClassName, names, 3); near != "" {
						msg += "; did you mean " + source.Quote(near) + "?"
					}
				}
				p.ReportRelated(c.ClassNode.Span, e, msg, related)
			}
		})
	},
})
