package rules

import (
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "agent-namespace-surprise",
	Severity: lint.SeverityInfo,
	Requires: []*lint.Analysis{analyses.Classes, analyses.Refs, analyses.Routing},
	Doc: lint.Doc{
		Summary: "a routed binding's URL namespace is not what its name suggests",
		Why: "The SDK's kebab-case conversion splits acronyms letter by letter (MyAIAgent is served at /agents/my-a-i-agent/, " +
			"not my-ai-agent, although some documentation says otherwise), turns every _ into -, and keeps leading or doubled " +
			"separators. A namespace of \"sub\" is reserved for sub-agent routing and one of \"main\" is easily confused with " +
			"the main module; an empty one (a name of only _) cannot be routed at all. Clients written by hand get these wrong. " +
			"McpAgent classes (found by binding name through McpAgent.serve()), bindings a client already asks for by their exact " +
			"namespace, and test-harness configs are not reported.",
		Bad: `-- wrangler.jsonc --
{
  "name": "research",
  "main": "src/server.ts",
  "compatibility_date": "2025-10-01",
  "compatibility_flags": ["nodejs_compat"],
  "durable_objects": {
    "bindings": [{ "name": "MyAIAgent", "class_name": "MyAIAgent" }] // /agents/my-a-i-agent/
  },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["MyAIAgent"] }]
}
-- src/server.ts --
import { Agent, routeAgentRequest } from "agents";

export class MyAIAgent extends Agent<Env> {}

export default {
  async fetch(request: Request, env: Env) {
    return (await routeAgentRequest(request, env)) ?? new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "research",
  "main": "src/server.ts",
  "compatibility_date": "2025-10-01",
  "compatibility_flags": ["nodejs_compat"],
  "durable_objects": {
    "bindings": [{ "name": "MyAiAgent", "class_name": "MyAiAgent" }] // /agents/my-ai-agent/
  },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["MyAiAgent"] }]
}
-- src/server.ts --
import { Agent, routeAgentRequest } from "agents";

export class MyAiAgent extends Agent<Env> {}

export default {
  async fetch(request: Request, env: Env) {
    return (await routeAgentRequest(request, env)) ?? new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: func(p *lint.Pass) {
		asked := askedExactly(p)
		routes := map[*project.Worker]bool{} // per Worker, not per environment: it reads them all
		eachDeployedEnv(p, func(w *project.Worker, e *wrangler.Env) {
			r, known := routes[w]
			if !known {
				r = routesAgents(p.Project, w)
				routes[w] = r
			}
			if !r {
				return
			}
			era := w.Versions.ServerEra()
			for _, b := range e.DurableObjects() {
				if base, ok := analyses.ClassesOf(p).BaseOf(w, e, b.ClassName); ok && base.Name == "McpAgent" || asked[b.NameNode] {
					continue // served by binding name (McpAgent.serve()), or a client already asks for exactly this
				}
				ns := sdk.Namespace(b.Name, era)
				if why := surprise(b.Name, ns); why != "" {
					p.Report(b.NameNode.Span, e, "binding "+source.Quote(b.Name)+inEnv(e)+" is served at /"+analyses.RoutingOf(p).Prefixes(w)[0]+"/"+ns+"/: "+why)
				}
			}
		})
	},
})

// routesAgents: the Worker calls routeAgentRequest or routePartykitRequest.
func routesAgents(pr *project.Project, w *project.Worker) bool {
	for _, e := range w.Config.Envs {
		if mod := w.Module(e); mod != nil {
			for _, in := range mod.Inputs {
				if sf := pr.Facts(in); sf != nil && len(sf.RouteCalls) > 0 {
					return true
				}
			}
		}
	}
	return false
}

func surprise(name, ns string) string {
	switch {
	case ns == "":
		return "the empty namespace, which no URL can reach"
	case ns == "sub":
		return "\"sub\" is reserved for sub-agent routing and rejected at run time"
	case ns == "main":
		return "\"main\" reads like the Worker's main module in URLs and logs; prefer a name that says what the agent is"
	case hasAcronym(name):
		return "the acronym is split letter by letter; clients must ask for exactly " + source.Quote(ns)
	case strings.HasPrefix(ns, "-") || strings.HasSuffix(ns, "-") || strings.Contains(ns, "--"):
		return "leading, trailing or doubled separators survive the conversion; clients must ask for exactly " + source.Quote(ns)
	}
	return ""
}

// hasAcronym: two ASCII capitals in a row in a name that is not all upper
// case (all-upper names are lower-cased whole).
func hasAcronym(name string) bool {
	if name == strings.ToUpper(name) {
		return false
	}
	for i := 1; i < len(name); i++ {
		if isUpperASCII(name[i]) && isUpperASCII(name[i-1]) {
			return true
		}
	}
	return false
}

func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }

// askedExactly marks the bindings some client asks for by their exact
// namespace: whoever wrote it knows the conversion.
func askedExactly(p *lint.Pass) map[*wrangler.Node]bool {
	out := map[*wrangler.Node]bool{}
	rt := analyses.RoutingOf(p)
	for _, ref := range analyses.RefsOf(p).Refs {
		if t, ok := rt.Resolve(ref); ok {
			for _, s := range t.Exact {
				out[s.Binding.NameNode] = true
			}
		}
	}
	return out
}
