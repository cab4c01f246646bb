package rules

import (
	"sort"
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "nodejs-compat-required",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "the Worker imports `node:*` modules (itself, or through agents >= 0.0.45) but `compatibility_flags` lacks `nodejs_compat`",
		Why: "Without nodejs_compat the runtime provides no node: modules: bundling fails with `Could not resolve \"node:...\"`, " +
			"or the Worker fails at start. The Agents SDK imports node:async_hooks since agents 0.0.45, so every Worker using it " +
			"needs the flag; nodejs_als is not enough.",
		Bad: `-- wrangler.jsonc --
{
  "name": "chat",
  "main": "src/server.ts",
  "compatibility_date": "2025-10-01",
  "compatibility_flags": ["nodejs_als"],
  "durable_objects": {
    "bindings": [{ "name": "ChatAgent", "class_name": "ChatAgent" }]
  },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["ChatAgent"] }]
}
-- src/server.ts --
import { Agent, routeAgentRequest } from "agents"; // imports node:async_hooks

export class ChatAgent extends Agent<Env> {}

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
import { Agent, routeAgentRequest } from "agents"; // imports node:async_hooks

export class ChatAgent extends Agent<Env> {}

export default {
  async fetch(request: Request, env: Env) {
    return (await routeAgentRequest(request, env)) ?? new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;`,
		Fix:       "safe: add \"nodejs_compat\" to compatibility_flags (creating the key if needed)",
		FixSafety: lint.FixSafe,
	},
	Run: runNodejsCompatRequired,
})

func runNodejsCompatRequired(p *lint.Pass) {
	eachEnv(p, func(w *project.Worker, e *wrangler.Env) {
		mod := w.Module(e)
		if mod == nil || !mod.Built || hasNodejsCompat(e) {
			return
		}
		reason := nodeReason(p.Project, w, mod)
		if reason == "" {
			return
		}
		flags := e.Get("compatibility_flags")
		span := e.Config.Root.Span
		span.End = span.Start + 1
		if flags != nil {
			span = flags.Span
		} else if _, main := e.Main(); main != nil {
			span = main.Span
		}
		p.Report(span, nil, reason+", but compatibility_flags lacks \"nodejs_compat\": the bundle or the Worker fails "+
			"without Node.js modules; add \"nodejs_compat\"", nodejsCompatFix(e, flags))
	})
}

func hasNodejsCompat(e *wrangler.Env) bool {
	for _, f := range e.Get("compatibility_flags").Strings() {
		if f.Str == "nodejs_compat" || f.Str == "nodejs_compat_v2" {
			return true
		}
	}
	return false
}

// nodeReason says which import needs Node.js modules ("" when none does).
func nodeReason(pr *project.Project, w *project.Worker, mod *jscode.Module) string {
	specs := source.SortedKeys(mod.External)
	for _, s := range specs {
		if strings.HasPrefix(s, "node:") {
			return pr.Rel(mod.External[s]) + " imports " + source.Quote(s)
		}
	}
	needs := w.Versions.Agents
	old := needs.Found && needs.Version.Less(sdk.Version{Major: 0, Minor: 0, Patch: 45})
	sort.Strings(specs)
	for _, s := range specs {
		if (s == "agents" || strings.HasPrefix(s, "agents/")) && !old {
			return pr.Rel(mod.External[s]) + " imports " + source.Quote(s) + ", which imports \"node:async_hooks\" (agents >= 0.0.45)"
		}
	}
	return ""
}

func nodejsCompatFix(e *wrangler.Env, flags *wrangler.Node) *lint.Fix {
	fix := &lint.Fix{Description: "add \"nodejs_compat\" to compatibility_flags", Applicability: lint.Safe}
	switch {
	case flags.IsArray():
		fix.Edits = wrangler.AppendItem(flags, wrangler.JSONString("nodejs_compat"))
	case flags != nil:
		return nil // not an array: a person must look
	case e.Config.Format == "toml":
		fix.Edits = []source.Edit{wrangler.InsertTOMLKey(e.Config.Root, "compatibility_flags", `["nodejs_compat"]`)}
	default:
		fix.Edits = wrangler.InsertMember(e.Config.Root, "compatibility_flags", `["nodejs_compat"]`)
	}
	return fix
}
