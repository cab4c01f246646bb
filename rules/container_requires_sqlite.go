package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "container-requires-sqlite",
	Severity: lint.SeverityError,
	Requires: []*lint.Analysis{analyses.Classes},
	Doc: lint.Doc{
		Summary: "a `Container` class (@cloudflare/containers) is created with key-value storage (`new_classes`)",
		Why: "Container extends DurableObject and, in its constructor, creates its schedules table with " +
			"`this.ctx.storage.sql` (every tag of @cloudflare/containers from v0.0.27 to v0.3.7; @cloudflare/sandbox's Sandbox " +
			"extends it). A class created with new_classes has key-value storage, so every instance throws on construction in " +
			"production: \"This Durable Object is not backed by SQLite storage, so the SQL API is not available\"; wrangler does " +
			"not check it. The class is found through your own base classes and workspace packages. Storage cannot change after " +
			"a deploy: before the first deploy, move the class to new_sqlite_classes; after it, create a new SQLite-backed class " +
			"under another name (new binding, containers class_name and migration).",
		Bad: `-- wrangler.jsonc --
{
  "name": "box",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "containers": [{ "class_name": "Box", "image": "./Dockerfile" }],
  "durable_objects": { "bindings": [{ "name": "BOX", "class_name": "Box" }] },
  "migrations": [{ "tag": "v1", "new_classes": ["Box"] }]
}
-- Dockerfile --
FROM alpine
-- src/index.ts --
import { Container } from "@cloudflare/containers";

export class Box extends Container {
  defaultPort = 8080;
}

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
import { Container } from "@cloudflare/containers";

export class Box extends Container {
  defaultPort = 8080;
}

export default {
  async fetch(request: Request, env: Env) {
    return env.BOX.getByName("main").fetch(request);
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: func(p *lint.Pass) {
		eachEnv(p, func(w *project.Worker, e *wrangler.Env) {
			if !declares(e, "migrations") {
				return
			}
			for _, c := range sortedClasses(e.Migrations()) {
				if c.Storage != wrangler.StorageKV {
					continue
				}
				chain, base, ok := analyses.ClassesOf(p).Lineage(w, e, c.Name)
				if !ok || !base.IsContainer() {
					continue
				}
				var related []lint.Related
				if len(chain) > 0 && chain[0].Span.Valid() {
					related = append(related, lint.Related{Span: chain[0].Span, Note: "class " + source.Quote(c.Name) + " extends " + base.Name})
				}
				p.ReportRelated(c.Created.Span, e, describeClass(p.Project, c.Name, chain, base)+": a Container keeps its schedules in SQLite (ctx.storage.sql), but migration "+source.Quote(c.Tag)+" creates it with new_classes: every instance "+
					"throws \"This Durable Object is not backed by SQLite storage\" in its constructor; if it was never deployed, move it to "+
					"\"new_sqlite_classes\", otherwise create a new SQLite-backed class under another name", related)
			}
		})
	},
})
