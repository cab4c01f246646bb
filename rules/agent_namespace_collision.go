package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "agent-namespace-collision",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "two Durable Object bindings of one environment map to the same URL namespace",
		Why: "routeAgentRequest builds a map from kebab(binding name) to binding. CODER_AGENT, coder_agent and CoderAgent " +
			"all become coder-agent, so the later binding silently replaces the earlier one: requests meant for one class " +
			"reach the other, and one of them can never be reached by URL. Configs that only run tests (named as wrangler.configPath by a vitest config, or below a test folder) are not checked: tests bind colliding names on purpose.",
		Bad: `-- wrangler.jsonc --
{
  "name": "coder",
  "main": "src/server.ts",
  "compatibility_date": "2025-10-01",
  "compatibility_flags": ["nodejs_compat"],
  "durable_objects": {
    "bindings": [
      { "name": "CoderAgent", "class_name": "CoderAgent" },
      { "name": "CODER_AGENT", "class_name": "LegacyCoder" } // also /agents/coder-agent/
    ]
  },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["CoderAgent", "LegacyCoder"] }]
}
-- src/server.ts --
import { Agent, routeAgentRequest } from "agents";

export class CoderAgent extends Agent<Env> {}
export class LegacyCoder extends Agent<Env> {}

export default {
  async fetch(request: Request, env: Env) {
    return (await routeAgentRequest(request, env)) ?? new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "coder",
  "main": "src/server.ts",
  "compatibility_date": "2025-10-01",
  "compatibility_flags": ["nodejs_compat"],
  "durable_objects": {
    "bindings": [
      { "name": "CoderAgent", "class_name": "CoderAgent" },
      { "name": "LegacyCoder", "class_name": "LegacyCoder" }
    ]
  },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["CoderAgent", "LegacyCoder"] }]
}
-- src/server.ts --
import { Agent, routeAgentRequest } from "agents";

export class CoderAgent extends Agent<Env> {}
export class LegacyCoder extends Agent<Env> {}

export default {
  async fetch(request: Request, env: Env) {
    return (await routeAgentRequest(request, env)) ?? new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: runAgentNamespaceCollision,
})

func runAgentNamespaceCollision(p *lint.Pass) {
	for _, w := range p.Project.Workers {
		if w.TestHarness {
			continue // tests bind colliding names on purpose, to test routing
		}
		era := w.Versions.ServerEra()
		for _, e := range w.Config.Envs {
			first := map[string]*wrangler.DOBinding{}
			for _, b := range e.DurableObjects() {
				ns := sdk.Namespace(b.Name, era)
				prev, dup := first[ns]
				if !dup {
					first[ns] = b
					continue
				}
				if prev.Name == b.Name {
					continue // an exact repeat is duplicate-binding-name's finding
				}
				p.ReportRelated(b.NameNode.Span, e, "bindings "+source.Quote(prev.Name)+" ("+prev.NameNode.Span.Where()+") and "+
					source.Quote(b.Name)+inEnv(e)+" both route to /agents/"+ns+"/: the later one silently wins, so "+
					"class "+source.Quote(prev.ClassName)+" cannot be reached by URL; rename one of them",
					[]lint.Related{{Span: prev.NameNode.Span, Note: "binding " + source.Quote(prev.Name) + " is also served at /agents/" + ns + "/"}})
			}
		}
	}
}
