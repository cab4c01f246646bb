package rules

import (
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/source"
)

var _ = register(&lint.Rule{
	ID:       "route-prefix-unmatchable",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "the `prefix` of `routeAgentRequest` (or `routePartykitRequest`) starts or ends with `/`, or holds `//`: no request matches it",
		Why: "Both functions split the prefix at \"/\" and compare each part with the request path's non-empty segments " +
			"(agents' agent-routing.ts and partyserver's routePartykitRequest, every released version): `\"/api/agents\"` " +
			"has an empty first part that no path segment equals, so the call returns null for every request and each " +
			"agent's WebSocket fails, while clients written with `prefix: \"api/agents\"` look right. wranglint's client " +
			"checks read the prefix without its slashes, as it was meant; this rule reports the call.",
		Fix:       "safe: the literal is rewritten without the stray slashes",
		FixSafety: lint.FixSafe,
		Bad: `-- wrangler.jsonc --
{
  "name": "chat",
  "main": "src/server.ts",
  "compatibility_date": "2025-10-01",
  "compatibility_flags": ["nodejs_compat"],
  "durable_objects": { "bindings": [{ "name": "ChatAgent", "class_name": "ChatAgent" }] },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["ChatAgent"] }]
}
-- src/server.ts --
import { Agent, routeAgentRequest } from "agents";

export class ChatAgent extends Agent<Env> {}

export default {
  async fetch(request: Request, env: Env) {
    return (await routeAgentRequest(request, env, { prefix: "/api/agents" })) ?? new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "chat",
  "main": "src/server.ts",
  "compatibility_date": "2025-10-01",
  "compatibility_flags": ["nodejs_compat"],
  "durable_objects": { "bindings": [{ "name": "ChatAgent", "class_name": "ChatAgent" }] },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["ChatAgent"] }]
}
-- src/server.ts --
import { Agent, routeAgentRequest } from "agents";

export class ChatAgent extends Agent<Env> {}

export default {
  async fetch(request: Request, env: Env) {
    return (await routeAgentRequest(request, env, { prefix: "api/agents" })) ?? new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: func(p *lint.Pass) {
		for _, sf := range p.Project.Sources {
			for _, rc := range sf.RouteCalls {
				if rc.PrefixRaw == "" || !hasEmptyPart(rc.PrefixRaw) {
					continue
				}
				span := rc.PrefixSpan
				if !span.Valid() {
					span = rc.Span
				}
				if !span.Valid() {
					continue
				}
				clean := cleanPrefix(rc.PrefixRaw)
				msg := "prefix " + source.Quote(rc.PrefixRaw) + " never matches: " + rc.Func + " splits it at \"/\" and compares each part with the " +
					"request path's non-empty segments, so the empty part no segment equals makes every request miss (null) and no agent is reached; write " +
					source.Quote(clean)
				var fix *lint.Fix
				if rc.PrefixSpan.Valid() && clean != "" {
					quote := rc.PrefixSpan.Text()[:1]
					fix = &lint.Fix{Description: "write prefix " + source.Quote(clean), Applicability: lint.Safe,
						Edits: []source.Edit{{File: rc.PrefixSpan.File, Start: rc.PrefixSpan.Start, End: rc.PrefixSpan.End, New: quote + clean + quote}}}
				}
				p.Report(span, nil, msg, fix)
			}
		}
	},
})

// hasEmptyPart: a prefix with an empty part (a leading or trailing slash, or
// "//"), which the router's part-by-part comparison never matches.
func hasEmptyPart(prefix string) bool {
	for _, part := range strings.Split(prefix, "/") {
		if part == "" {
			return true
		}
	}
	return false
}

// cleanPrefix drops the empty parts.
func cleanPrefix(prefix string) string {
	var parts []string
	for _, part := range strings.Split(prefix, "/") {
		if part != "" {
			parts = append(parts, part)
		}
	}
	return strings.Join(parts, "/")
}
