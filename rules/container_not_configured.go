package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "container-not-configured",
	Severity: lint.SeverityError,
	Requires: []*lint.Analysis{analyses.Classes},
	Doc: lint.Doc{
		Summary: "a Durable Object binding names a `Container` class, but the environment configures no container for it",
		Why: "The Container constructor (@cloudflare/containers, every tag from v0.0.27 to v0.3.7) throws \"Containers have not " +
			"been enabled for this Durable Object class. Have you correctly setup your Wrangler config?\" when the runtime gives " +
			"the object no container, that is when no `containers` entry of the deployed environment names the class. " +
			"`containers` is not inherited: an environment that repeats its Durable Object bindings but not `containers` deploys " +
			"fine and then fails on every request to the object. wrangler only warns that the top level's key is not inherited. " +
			"Classes are followed through your own base classes and workspace packages; @cloudflare/sandbox's Sandbox is a " +
			"Container. Test configs (a vitest pool's wrangler.configPath) are not checked.",
		Bad: `-- wrangler.jsonc --
{
  "name": "box",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "containers": [{ "class_name": "Box", "image": "./Dockerfile" }],
  "durable_objects": { "bindings": [{ "name": "BOX", "class_name": "Box" }] },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["Box"] }],
  "env": {
    "staging": {
      "durable_objects": { "bindings": [{ "name": "BOX", "class_name": "Box" }] }
    }
  }
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
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["Box"] }],
  "env": {
    "staging": {
      "containers": [{ "class_name": "Box", "image": "./Dockerfile" }],
      "durable_objects": { "bindings": [{ "name": "BOX", "class_name": "Box" }] }
    }
  }
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
		eachDeployedEnv(p, func(w *project.Worker, e *wrangler.Env) {
			apps := containerApps(e)
			configured := map[string]bool{}
			for _, c := range apps {
				if c.ClassNode == nil {
					return // a container linked another way (declarative exports): nothing certain
				}
				configured[c.ClassName] = true
			}
			for _, b := range e.DurableObjects() {
				if !b.Local() || b.ClassName == "" || configured[b.ClassName] {
					continue
				}
				chain, base, ok := analyses.ClassesOf(p).Lineage(w, e, b.ClassName)
				if !ok || !base.IsContainer() {
					continue
				}
				var related []lint.Related
				for _, c := range containerApps(e.Config.Top()) {
					if c.ClassName == b.ClassName && !e.IsTop() {
						related = append(related, lint.Related{Span: c.Node.Span, Note: "the top level's container, not inherited by " + e.Label()})
					}
				}
				if len(chain) > 0 && chain[0].Span.Valid() {
					related = append(related, lint.Related{Span: chain[0].Span, Note: "class " + source.Quote(b.ClassName) + " extends " + base.Name})
				}
				where := "the config"
				if !e.IsTop() {
					where = e.Label() + " (containers are not inherited)"
				}
				p.ReportRelated(b.ClassNode.Span, e, "binding "+source.Quote(b.Name)+inEnv(e)+" names a Container: "+
					describeClass(p.Project, b.ClassName, chain, base)+"; but "+where+" configures no container with class_name "+
					source.Quote(b.ClassName)+": every instance throws \"Containers have not been enabled for this Durable Object class\"; "+
					"add a containers entry for it", related)
			}
		})
	},
})
