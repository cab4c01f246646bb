package rules

import (
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "mcp-binding-missing",
	Severity: lint.SeverityError,
	Requires: []*lint.Analysis{analyses.Classes},
	Doc: lint.Doc{
		Summary: "`McpAgent.serve()`, `serveSSE()` or `mount()` has no binding to reach: no `binding` option and no `MCP_OBJECT` binding",
		Why: "McpAgent's handlers find their Durable Object namespace on env by name: the `binding` option, or MCP_OBJECT " +
			"when none is given. If that binding does not exist, every MCP request fails at run time. A `binding` option that " +
			"names no Durable Object binding fails the same way.",
		Bad: `-- wrangler.jsonc --
{
  "name": "mcp",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "compatibility_flags": ["nodejs_compat"],
  "durable_objects": {
    "bindings": [{ "name": "MCP", "class_name": "MyMCP" }]
  },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["MyMCP"] }]
}
-- src/index.ts --
import { McpAgent } from "agents/mcp";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";

export class MyMCP extends McpAgent {
  server = new McpServer({ name: "demo", version: "1.0.0" });
  async init() {}
}

export default MyMCP.serve("/mcp");`,
		Good: `-- wrangler.jsonc --
{
  "name": "mcp",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "compatibility_flags": ["nodejs_compat"],
  "durable_objects": {
    "bindings": [{ "name": "MCP", "class_name": "MyMCP" }]
  },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["MyMCP"] }]
}
-- src/index.ts --
import { McpAgent } from "agents/mcp";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";

export class MyMCP extends McpAgent {
  server = new McpServer({ name: "demo", version: "1.0.0" });
  async init() {}
}

export default MyMCP.serve("/mcp", { binding: "MCP" });`,
	},
	Run: func(p *lint.Pass) {
		// a test harness is exercised by its tests, which show this
		eachDeployedEnv(p, func(w *project.Worker, e *wrangler.Env) { checkMcpServes(p, w, e) })
	},
})

func checkMcpServes(p *lint.Pass, w *project.Worker, e *wrangler.Env) {
	mod := w.Module(e)
	if mod == nil || !mod.Built {
		return
	}
	bound := map[string]bool{}
	var names []string
	for _, b := range e.DurableObjects() {
		bound[b.Name] = true
		names = append(names, b.Name)
	}
	for _, in := range mod.Inputs {
		sf := p.Project.Facts(in)
		if sf == nil {
			continue
		}
		for _, ms := range sf.McpServes {
			base, ok := analyses.ClassesOf(p).BaseOf(w, e, ms.Class)
			if !ok || base.Name != "McpAgent" || !base.IsAgentsSDK() {
				continue
			}
			want := "MCP_OBJECT"
			if ms.HasBinding {
				if ms.Binding == "" {
					continue // computed: unknown
				}
				want = ms.Binding
			}
			if bound[want] {
				continue
			}
			msg := ms.Class + "." + ms.Method + "() looks up the Durable Object binding " + source.Quote(want) + ", which " + workerEnvLabel(e) +
				" does not have: every MCP request fails at run time; "
			if ms.HasBinding {
				msg += "name one of the bindings (" + strings.Join(quoteAll(names), ", ") + ") in the binding option"
			} else {
				msg += "pass { binding: \"<your binding>\" } or name the binding MCP_OBJECT"
			}
			p.Report(ms.Span, e, msg)
		}
	}
}

func workerEnvLabel(e *wrangler.Env) string {
	if e.IsTop() {
		return e.Config.File.Rel
	}
	return e.Config.File.Rel + " " + e.Label()
}

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = source.Quote(n)
	}
	return out
}
