package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "agent-stub-without-name",
	Severity: lint.SeverityError,
	Requires: []*lint.Analysis{analyses.Classes},
	Doc: lint.Doc{
		Summary: "the Worker calls `fetch` on an Agent's Durable Object stub that cannot tell the agent its instance name",
		Why: "An Agent (or partyserver Server) needs its instance name. routeAgentRequest, getAgentByName and " +
			"getServerByName pass it; a plain `env.X.get(id).fetch(request)` may not. What fails depends on the version, " +
			"established from partyserver's history: partyserver 0.0.42 to 0.4.x learn the name only from the " +
			"x-partykit-room header, so a direct fetch of a fresh instance throws \"Missing namespace or room headers when " +
			"connecting to X\" whatever the id. From partyserver 0.5.0 (and agents 0.32, which no longer uses partyserver) " +
			"the name comes from ctx.id.name, which only idFromName() and getByName() ids carry: ids from idFromString() " +
			"and newUniqueId() still fail (\"Cannot determine the name for X\"). Where the version is unknown, only the ids " +
			"that fail in every version are reported.",
		Bad: `-- wrangler.jsonc --
{
  "name": "coder",
  "main": "src/server.ts",
  "compatibility_date": "2025-10-01",
  "compatibility_flags": ["nodejs_compat"],
  "durable_objects": {
    "bindings": [{ "name": "CoderAgent", "class_name": "CoderAgent" }]
  },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["CoderAgent"] }]
}
-- src/server.ts --
import { Agent } from "agents";

export class CoderAgent extends Agent<Env> {}

export default {
  async fetch(request: Request, env: Env) {
    const stub = env.CoderAgent.get(env.CoderAgent.newUniqueId());
    return stub.fetch(request);
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "coder",
  "main": "src/server.ts",
  "compatibility_date": "2025-10-01",
  "compatibility_flags": ["nodejs_compat"],
  "durable_objects": {
    "bindings": [{ "name": "CoderAgent", "class_name": "CoderAgent" }]
  },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["CoderAgent"] }]
}
-- src/server.ts --
import { Agent, getAgentByName } from "agents";

export class CoderAgent extends Agent<Env> {}

export default {
  async fetch(request: Request, env: Env) {
    const stub = await getAgentByName(env.CoderAgent, "default");
    return stub.fetch(request);
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: func(p *lint.Pass) {
		eachEnv(p, func(w *project.Worker, e *wrangler.Env) {
			mod := w.Module(e)
			if mod == nil || !mod.Built {
				return
			}
			classes := map[string]string{}
			for _, b := range e.DurableObjects() {
				if b.Local() {
					classes[b.Name] = b.ClassName
				}
			}
			for _, in := range mod.Inputs {
				if sf := p.Project.Facts(in); sf != nil {
					for _, sfch := range sf.StubFetches {
						checkStubFetch(p, w, e, classes, sfch)
					}
				}
			}
		})
	},
})

// nameEra: "header" when the installed SDK learns names only from the
// routing header, "ctx" when it reads ctx.id.name, "" when unknown.
func nameEra(v sdk.Versions) string {
	if ps := v.PartyServer; ps.Found {
		if ps.Version.Less(sdk.Version{Major: 0, Minor: 5, Patch: 0}) {
			return "header"
		}
		return "ctx"
	}
	if a := v.Agents; a.Found && a.Package == "agents" && !a.Version.Less(sdk.Version{Major: 0, Minor: 32, Patch: 0}) {
		return "ctx"
	}
	return ""
}

func checkStubFetch(p *lint.Pass, w *project.Worker, e *wrangler.Env, classes map[string]string, sf jscode.StubFetch) {
	class, ok := classes[sf.Binding]
	if !ok {
		return
	}
	base, ok := analyses.ClassesOf(p).BaseOf(w, e, class)
	if !ok || !base.IsPartyServer() {
		return
	}
	era := nameEra(w.Versions)
	unnamed := sf.IDKind == "idFromString" || sf.IDKind == "newUniqueId"
	if !unnamed && era != "header" {
		return
	}
	why := "an id from " + sf.IDKind + "() carries no name, so the agent fails with \"Cannot determine the name for " + class + "\""
	if !unnamed {
		why = "the installed " + versionLabel(w.Versions) + " learns the name only from the routing header, so the request fails with " +
			"\"Missing namespace or room headers when connecting to " + class + "\""
	}
	p.Report(sf.Span, nil, "env."+sf.Binding+" is fetched directly: "+why+"; use getAgentByName(env."+sf.Binding+
		", name) (or routeAgentRequest) and fetch through the stub it returns")
}

func versionLabel(v sdk.Versions) string {
	if v.PartyServer.Found {
		return "partyserver " + v.PartyServer.Version.String()
	}
	return v.Agents.Package + " " + v.Agents.Version.String()
}
