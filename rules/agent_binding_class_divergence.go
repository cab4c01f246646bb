package rules

import (
	"path/filepath"
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/jscode"
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
		Why: "Routing uses kebab(binding name), but some Agent methods look the agent up by kebab(class name): " +
			"this.addMcpServer() builds its OAuth callback URL /agents/<class>/<name>/callback, this.sendEmail() and " +
			"this.replyToEmail() send X-Agent-Name <class> for routing replies, and this.runWorkflow() finds the agent's " +
			"binding by the class name to call it back. When the two names differ, those features address a namespace " +
			"that routing does not serve (read at agents' index.ts, 0.2.x-0.4.x). The rule reports only Workers whose code " +
			"calls one of these methods: elsewhere the names may differ freely. McpAgent servers are exempt: " +
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

export class SupportAgent extends Agent<Env> {
  async onStart() {
    await this.addMcpServer("docs", "https://docs.example.com/mcp");
  }
}

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

export class SupportAgent extends Agent<Env> {
  async onStart() {
    await this.addMcpServer("docs", "https://docs.example.com/mcp");
  }
}

export default {
  async fetch(request: Request, env: Env) {
    return (await routeAgentRequest(request, env)) ?? new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: func(p *lint.Pass) {
		eachEnv(p, func(w *project.Worker, e *wrangler.Env) {
			mod := w.Module(e)
			if mod == nil {
				return
			}
			era := w.Versions.ServerEra()
			for _, b := range e.DurableObjects() {
				if !b.Local() || b.ClassName == "" {
					continue
				}
				chain, base, ok := analyses.ClassesOf(p).Lineage(w, e, b.ClassName)
				if !ok || !base.IsAgentsSDK() || base.Name == "McpAgent" {
					continue // MCP servers are reached through McpAgent.serve() by binding name (MCP_OBJECT by default)
				}
				byName, byClass := sdk.Namespace(b.Name, era), sdk.Namespace(b.ClassName, era)
				if byName == byClass {
					continue
				}
				use, ok := classKeyedUse(p.Project.GraphFacts(mod), chain)
				if !ok {
					continue // nothing looks the agent up by its class: the names may differ
				}
				p.ReportRelated(b.NameNode.Span, e, "binding "+source.Quote(b.Name)+inEnv(e)+" is routed at /agents/"+byName+"/ but "+
					callerOf(use)+" looks the agent up by its class "+source.Quote(b.ClassName)+
					", as "+source.Quote(byClass)+": "+strings.ReplaceAll(classKeyedEffect[use.Method], "<class>", byClass)+"; name the binding "+source.Quote(b.ClassName),
					[]lint.Related{{Span: use.Span, Note: use.Method + "() uses the class name"}})
			}
		})
	},
})

// classKeyedEffect says what breaks for each Agent method that finds the
// agent by kebab(class name) rather than by its binding (agents' index.ts).
var classKeyedEffect = map[string]string{
	"addMcpServer": "its OAuth callback URL is /agents/<class>/<name>/callback, which routing does not serve",
	"replyToEmail": "replies carry X-Agent-Name <class>, and the reply is routed to a namespace no binding serves",
	"sendEmail":    "the email carries X-Agent-Name <class>, and replies are routed to a namespace no binding serves",
	"runWorkflow":  "the workflow finds no binding named after the class and cannot call the agent back",
}

// classKeyedUse finds a call of a class-keyed Agent method made for the
// bound class: this.m() in the class or a class it extends, or an
// agent.addMcpServer() on a receiver of unknown class in a file of the
// class's own folder (a tool module beside the agent).
func classKeyedUse(graph []*jscode.SourceFacts, chain []analyses.ClassDecl) (jscode.ThisCall, bool) {
	names := map[string]bool{}
	dirs := map[string]bool{}
	for _, d := range chain {
		names[d.Name] = true
		dirs[filepath.Dir(d.File)] = true
	}
	for _, sf := range graph {
		for _, c := range sf.ThisCalls {
			if classKeyedEffect[c.Method] == "" {
				continue
			}
			if names[c.Class] || c.Class == "" && dirs[filepath.Dir(sf.File.Path)] {
				return c, true
			}
		}
	}
	return jscode.ThisCall{}, false
}

// callerOf names a class-keyed call: this.m() in "Class", or m().
func callerOf(c jscode.ThisCall) string {
	if c.Class == "" {
		return c.Method + "()"
	}
	return "this." + c.Method + "() in " + source.Quote(c.Class)
}
