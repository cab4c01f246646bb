package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "agent-requires-sqlite",
	Severity: lint.SeverityError,
	Requires: []*lint.Analysis{analyses.Classes},
	Doc: lint.Doc{
		Summary: "an Agents SDK class is created with key-value storage (`new_classes`) instead of `new_sqlite_classes`",
		Why: "Every Agent (Agent, AIChatAgent, McpAgent, ... from agents or @cloudflare/ai-chat, directly or through your own " +
			"base classes) keeps its state in SQLite. A class created with new_classes has key-value storage, and the agent " +
			"throws \"SQL is not enabled for this Durable Object class\" on first use. Storage cannot be changed after a " +
			"deploy, so there is no automatic fix: before the first deploy, change the step to new_sqlite_classes; after it, " +
			"create a new SQLite-backed class (new binding and migration) and move the data.",
		Bad: `-- wrangler.jsonc --
{
  "name": "chat",
  "main": "src/server.ts",
  "compatibility_date": "2025-10-01",
  "compatibility_flags": ["nodejs_compat"],
  "durable_objects": {
    "bindings": [{ "name": "ChatAgent", "class_name": "ChatAgent" }]
  },
  "migrations": [{ "tag": "v1", "new_classes": ["ChatAgent"] }]
}
-- src/server.ts --
import { routeAgentRequest } from "agents";
import { AIChatAgent } from "@cloudflare/ai-chat";

export class ChatAgent extends AIChatAgent<Env> {}

export default {
  async fetch(request: Request, env: Env) {
    return (await routeAgentRequest(request, env)) ?? new Response("Not found", { status: 404 });
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
import { routeAgentRequest } from "agents";
import { AIChatAgent } from "@cloudflare/ai-chat";

export class ChatAgent extends AIChatAgent<Env> {}

export default {
  async fetch(request: Request, env: Env) {
    return (await routeAgentRequest(request, env)) ?? new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: func(p *lint.Pass) {
		eachEnv(p, func(w *project.Worker, e *wrangler.Env) {
			h := e.Migrations()
			for _, b := range e.DurableObjects() {
				c := h.Classes[b.ClassName]
				if !b.Local() || c == nil || c.Storage != wrangler.StorageKV {
					continue
				}
				base, ok := analyses.ClassesOf(p).BaseOf(w, e, b.ClassName)
				if !ok || !base.IsAgentsSDK() {
					continue
				}
				p.Report(c.Created.Span, nil, "class "+source.Quote(b.ClassName)+" extends "+base.Name+" (from "+base.Module+
					"), which needs SQLite storage, but migration "+source.Quote(c.Tag)+" creates it with new_classes: the agent throws "+
					"\"SQL is not enabled for this Durable Object class\"; if it was never deployed, move it to \"new_sqlite_classes\", "+
					"otherwise create a new SQLite-backed class and migrate the data (storage cannot change after a deploy)")
			}
		})
	},
})
