package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "agent-stub-without-name",
	Severity: lint.SeverityError,
	Requires: []*lint.Analysis{analyses.Classes},
	Doc: lint.Doc{
		Summary: "the Worker calls `fetch` on an Agent's Durable Object stub that cannot tell the agent its instance name",
		Why: "An Agent (or partyserver Server, y-partyserver's YServer included) needs its instance name. routeAgentRequest, getAgentByName and " +
			"getServerByName pass it; a plain `env.X.get(id).fetch(request)` may not. What fails depends on the version " +
			"(read from the published source of each): partyserver 0.0.42 to 0.2.x learn the name only from the " +
			"x-partykit-room header (or a setName in the instance's current lifetime), so every direct fetch of an " +
			"instance that starts throws \"Missing namespace or room headers when connecting to X\", whatever the id. " +
			"partyserver 0.3.0 to 0.4.x also store the name a routed request gave and reload it, so only an instance " +
			"nothing has named fails: one from newUniqueId(). partyserver 0.5.0 reads ctx.id.name, which only idFromName() " +
			"and getByName() ids carry: idFromString() and newUniqueId() fail (\"Cannot determine the name for X\"). " +
			"partyserver 0.5.1 and later, and agents 0.22.0 and later (which no longer use partyserver), fall back to a " +
			"stored name, so an idFromString() id of an instance named before works and only newUniqueId() fails for sure. " +
			"agents 0.21 and earlier use the installed partyserver (when it is not known, the one each depends on: agents " +
			"0.0.1 to 0.5.x and agents-sdk partyserver 0.0.x to 0.2.x, agents 0.6.0 to 0.11.5 partyserver 0.3.x to 0.4.x, " +
			"agents 0.11.6 to 0.21.x partyserver 0.5.3 and later); partyserver before 0.0.42 does not ask for the name, " +
			"nor does McpAgent before agents 0.1.2 (it extended DurableObject, not Agent). " +
			"Versions are those installed, else locked, else the lowest the package.json range allows; where none is " +
			"known, only newUniqueId() is reported. A class that declares its own fetch without calling super.fetch " +
			"answers itself, and is not reported; nor is a fetch of a literal path that a fetch override on the class's way (its own or a base's) " +
			"answers before it falls back to super.fetch. A stub may come from a project function that returns `ns.get(id)` " +
			"or `ns.getByName(name)` of the namespace it is given (then the id is the function's); a binding with " +
			"script_name is judged by the class, and the versions, of the Worker of the repository it names.",
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
			classes := stubClasses(p, w, e)
			for _, in := range mod.Inputs {
				if sf := p.Project.Facts(in); sf != nil {
					for _, sfch := range sf.StubFetches {
						if sfch, ok := resolveGetter(p, in, sfch); ok {
							checkStubFetch(p, classes, sfch)
						}
					}
				}
			}
		})
	},
})

// stubClass is the class a Durable Object binding reaches, in the
// deployment that runs it: the binding's own, or the Worker its
// script_name names in the repository (whose SDK versions decide).
type stubClass struct {
	name   string
	owner  deployment
	remote bool
}

func stubClasses(p *lint.Pass, w *project.Worker, e *wrangler.Env) map[string]stubClass {
	classes := map[string]stubClass{}
	for _, b := range e.DurableObjects() {
		switch {
		case b.ClassName == "":
		case b.Local():
			classes[b.Name] = stubClass{name: b.ClassName, owner: deployment{Worker: w, Env: e}}
		default:
			if d, ok := p.Project.WorkerNamed(b.ScriptName); ok && !d.Worker.TestHarness {
				classes[b.Name] = stubClass{name: b.ClassName, owner: d, remote: d.Worker != w}
			}
		}
	}
	return classes
}

// resolveGetter completes a stub got through an imported getter with the
// id kind the getter uses; false when the function is no getter, or not
// of the argument the binding was passed as.
func resolveGetter(p *lint.Pass, file string, sf jscode.StubFetch) (jscode.StubFetch, bool) {
	if sf.GetterModule == "" {
		return sf, true
	}
	g, ok := exportedGetter(p.Project, p.Project.ResolveModule(file, sf.GetterModule), sf.GetterName, 0)
	if !ok || g.Param != sf.GetterArg || (sf.Binding == "") == (g.Binding == "") {
		return sf, false
	}
	if sf.Binding == "" {
		sf.Binding = g.Binding
	}
	sf.IDKind = g.IDKind
	return sf, true
}

// exportedGetter finds the stub getter a module exports under name,
// following re-exports.
func exportedGetter(p *project.Project, file, name string, hops int) (jscode.StubGetter, bool) {
	facts := p.Facts(file)
	if facts == nil || hops > maxGetterHops {
		return jscode.StubGetter{}, false
	}
	if g, ok := facts.StubGetters[name]; ok {
		return g, true
	}
	for _, r := range facts.ReExports {
		if r.As == name {
			return exportedGetter(p, p.ResolveModule(file, r.Module), r.Name, hops+1)
		}
	}
	for _, spec := range facts.StarExports {
		if g, ok := exportedGetter(p, p.ResolveModule(file, spec), name, hops+1); ok {
			return g, true
		}
	}
	return jscode.StubGetter{}, false
}

func checkStubFetch(p *lint.Pass, classes map[string]stubClass, sf jscode.StubFetch) {
	sc, ok := classes[sf.Binding]
	if !ok {
		return
	}
	class, w := sc.name, sc.owner.Worker
	chain, base, ok := analyses.ClassesOf(p).Lineage(w, sc.owner.Env, class)
	if !ok || !base.IsPartyServer() || base.OwnFetch || answersItself(chain, sf.Path) {
		return // the class's own fetch answers: the SDK's name check never runs
	}
	names, version := w.Versions.NameSourceFor(base)
	if !names.FailsFor(sf.IDKind) {
		return
	}
	var why string
	switch {
	case names == sdk.NameHeaderOnly:
		why = "the " + version + " learns the name only from the routing header (or a setName in the instance's current " +
			"lifetime), so the request fails with \"Missing namespace or room headers when connecting to " + class + "\" whenever the instance starts"
	case sf.IDKind == "newUniqueId" && names == sdk.NameUnknown:
		why = "an id from newUniqueId() addresses a new instance that nothing has named, so the agent cannot learn its name and the request fails"
	case sf.IDKind == "newUniqueId":
		why = "an id from newUniqueId() addresses a new instance that nothing has named, so the " + version +
			" fails with \"" + nameError(names, class) + "\""
	default:
		why = "an id from " + sf.IDKind + "() carries no name, and the " + version + " reads the name only from ctx.id.name, " +
			"so the agent fails with \"" + nameError(names, class) + "\""
	}
	if sc.remote {
		why = "it reaches class " + class + " of Worker " + source.Quote(sc.owner.Env.WorkerName()) + " (" + p.Project.Rel(w.Config.File.Path) + "), and " + why
	}
	byName, router := "getAgentByName", "routeAgentRequest"
	if !base.IsAgentsSDK() {
		byName, router = "getServerByName", "routePartykitRequest"
	}
	p.Report(sf.Span, nil, "env."+sf.Binding+" is fetched directly: "+why+"; use "+byName+"(env."+sf.Binding+
		", name) (or "+router+") and fetch through the stub it returns")
}

func nameError(names sdk.NameSource, class string) string {
	switch {
	case names == sdk.NameHeaderOnly || names == sdk.NameStored:
		return "Missing namespace or room headers when connecting to " + class
	case names == sdk.NameAgentsLifecycle:
		return class + " could not determine its Durable Object name"
	}
	return "Cannot determine the name for " + class
}

// maxGetterHops bounds how far an imported getter is followed through
// re-exports, as helpers are.
const maxGetterHops = 8

// answersItself: a fetch override on the way answers the request's
// literal path before it falls back to super.fetch.
func answersItself(chain []analyses.ClassDecl, path string) bool {
	if path == "" {
		return false
	}
	for _, c := range chain {
		if c.FetchOpen {
			return true // it may answer this path itself: unknown, so silent
		}
		for _, r := range c.FetchRoutes {
			if r.Prefix && jscode.MatchPrefix(r.Path, path) || !r.Prefix && jscode.MatchRoute(r.Path, path) {
				return true
			}
		}
	}
	return false
}
