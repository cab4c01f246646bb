package rules

import (
	"github.com/wranglint/wranglint/lint"
)

var _ = register(&lint.Rule{
	ID:       "route-agent-request-unawaited",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "`routeAgentRequest(...)` (or `routePartykitRequest`) is used as a truth value without `await`",
		Why: "The function returns a Promise, and a Promise is always truthy: `routeAgentRequest(req, env) || new " +
			"Response(\"Not found\")` never reaches the fallback, and a request no agent matches resolves to null instead of a " +
			"404, which the runtime turns into an error.",
		Bad: `-- wrangler.jsonc --
{
  "name": "chat",
  "main": "src/server.ts",
  "compatibility_date": "2025-10-01",
  "compatibility_flags": ["nodejs_compat"],
  "durable_objects": {
    "bindings": [{ "name": "ChatAgent", "class_name": "ChatAgent" }]
  },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["ChatAgent"] }]
}
-- src/server.ts --
import { Agent, routeAgentRequest } from "agents";

export class ChatAgent extends Agent<Env> {}

export default {
  async fetch(request: Request, env: Env) {
    return routeAgentRequest(request, env) || new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "chat",
  "main": "src/server.ts",
  "compatibility_date": "2025-10-01",
  "compatibility_flags": ["nodejs_compat"],
  "durable_objects": {
    "bindings": [{ "name": "ChatAgent", "class_name": "ChatAgent" }]
  },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["ChatAgent"] }]
}
-- src/server.ts --
import { Agent, routeAgentRequest } from "agents";

export class ChatAgent extends Agent<Env> {}

export default {
  async fetch(request: Request, env: Env) {
    return (await routeAgentRequest(request, env)) || new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: func(p *lint.Pass) {
		for _, sf := range p.Project.Sources {
			for _, rc := range sf.RouteCalls {
				if rc.Unawaited == "" || !rc.Span.Valid() {
					continue
				}
				how := "as the left operand of " + rc.Unawaited
				if rc.Unawaited == "condition" {
					how = "as a condition"
				}
				if rc.Stored != "" {
					how = "through const " + rc.Stored + " " + how
				}
				p.Report(rc.Span, nil, rc.Func+"(...) is used "+how+" without await: a Promise is always truthy, so the "+
					"fallback never runs; write (await "+rc.Func+"(...))")
			}
		}
	},
})
