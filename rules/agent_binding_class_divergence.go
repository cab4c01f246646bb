package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "agent-binding-class-divergence",
	Severity: lint.SeverityWarning,
	Requires: []*lint.Analysis{analyses.Classes},
	Doc: lint.Doc{
		Summary: "an Agent's binding name and class name give different URL namespaces",
		Why: "Routing uses kebab(binding name), but several Agents SDK features look agents up by kebab(class name): MCP " +
			"OAuth callback URLs (an agent connecting to MCP servers), email routing and replies (the X-Agent-Name header), " +
			"the identity the agent sends its clients on connect, and the workflow lookup of the agent's binding. When the " +
			"two differ, those features address a namespace that routing does not serve. McpAgent servers are exempt: " +
			"McpAgent.serve() finds them by binding name, MCP_OBJECT by default.",
		Bad: `-- wrangler.jsonc --
{
  "name": "support",
  "main": "src/server.ts",
  "compatibility_date": "2025-10-01",
  "compatibility_flags": ["nodejs_compat"],
  "durable_objects": {
    "bindings": [{ "name": "AGENT", "class_name": "SupportAgent" }]
  },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["SupportAgent"] }]
}
-- src/server.ts --
import { Agent, routeAgentRequest } from "agents";

export class SupportAgent extends Agent<Env> {}

export default {
  async fetch(request: Request, env: Env) {
    return (await routeAgentRequest(request, env)) ?? new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "support",
  "main": "src/server.ts",
  "compatibility_date": "2025-10-01",
  "compatibility_flags": ["nodejs_compat"],
  "durable_objects": {
    "bindings": [{ "name": "SupportAgent", "class_name": "SupportAgent" }]
  },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["SupportAgent"] }]
}
-- src/server.ts --
import { Agent, routeAgentRequest } from "agents";

export class SupportAgent extends Agent<Env> {}

export default {
  async fetch(request: Request, env: Env) {
    return (await routeAgentRequest(request, env)) ?? new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: func(p *lint.Pass) {
		eachEnv(p, func(w *project.Worker, e *wrangler.Env) {
			era := w.Versions.ServerEra()
			for _, b := range e.DurableObjects() {
				if !b.Local() || b.ClassName == "" {
					continue
				}
				base, ok := analyses.ClassesOf(p).BaseOf(w, e, b.ClassName)
				if !ok || !base.IsAgentsSDK() || base.Name == "McpAgent" {
					continue // MCP servers are reached through McpAgent.serve() by binding name (MCP_OBJECT by default)
				}
				byName, byClass := sdk.Namespace(b.Name, era), sdk.Namespace(b.ClassName, era)
				if byName == byClass {
					continue
				}
				p.Report(b.NameNode.Span, e, "binding "+source.Quote(b.Name)+inEnv(e)+" is routed at /agents/"+byName+"/ but its class "+
					source.Quote(b.ClassName)+" is "+source.Quote(byClass)+" to the features that look agents up by class: MCP OAuth "+
					"callbacks, email routing and runWorkflow reach /agents/"+byClass+"/, which routing does not serve; name the binding "+
					source.Quote(b.ClassName))
			}
		})
	},
})
