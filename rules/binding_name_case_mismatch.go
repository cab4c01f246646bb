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
	ID:       "binding-name-case-mismatch",
	Severity: lint.SeverityError,
	Requires: []*lint.Analysis{analyses.Refs, analyses.Routing},
	Doc: lint.Doc{
		Summary: "a client asks for a namespace that differs from a Durable Object binding's only in letter case or `-`/`_`",
		Why: "routeAgentRequest serves each Durable Object binding at /agents/<kebab-case of the binding name>/<instance> " +
			"and compares the URL exactly. A binding named CoderAgent is served at /agents/coder-agent/; a client that " +
			"lower-cases the name asks for /agents/coderagent/ and gets 400 \"Invalid request\" (a failed WebSocket in the " +
			"browser, \"does not match any server namespace\" in the Worker's log). wrangler cannot see this: it never reads the client. " +
			"What it follows: the options of useAgent, AgentClient, agentFetch, usePartySocket and PartySocket, and URLs passed to fetch, WebSocket, EventSource, URL and Request (absolute ws/http URLs anywhere), through consts, constants imported from project modules (also through re-exports), string concatenation and templates, each literal alternative of `a || \"X\"`, `a ?? \"X\"` and `c ? \"X\" : \"Y\"`, spreads of known objects (a spread of anything else is assumed not to set agent, prefix, host or basePath), toLowerCase/toUpperCase/replace, and one level of project function or hook that passes a parameter into a client (every call with a known argument is judged at the argument). A client reaches, per Worker, the environments whose routes or workers.dev name cover its host, or else every environment of the Worker whose folder holds it, and must be served in each. Where a value is known only at run time (a network response, a parameter nobody passes) the rule stays silent; `--verbose` counts those clients. Test files are not judged.",
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
import { Agent, routeAgentRequest } from "agents";

export class CoderAgent extends Agent<Env> {}

export default {
  async fetch(request: Request, env: Env) {
    return (await routeAgentRequest(request, env)) ?? new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;
-- src/client.tsx --
import { useAgent } from "agents/react";

export function Chat() {
  const agent = useAgent({ agent: "coderagent" }); // /agents/coderagent/default
  return <button onClick={() => agent.send("hi")}>send</button>;
}`,
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
import { Agent, routeAgentRequest } from "agents";

export class CoderAgent extends Agent<Env> {}

export default {
  async fetch(request: Request, env: Env) {
    return (await routeAgentRequest(request, env)) ?? new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;
-- src/client.tsx --
import { useAgent } from "agents/react";

export function Chat() {
  const agent = useAgent({ agent: "CoderAgent" }); // /agents/coder-agent/default
  return <button onClick={() => agent.send("hi")}>send</button>;
}`,
		Fix:       "safe: rewrite the client's literal to the binding's namespace; unsafe: rename the binding (config and env uses)",
		FixSafety: lint.FixSafeAndUnsafe,
	},
	Run: runBindingNameCaseMismatch,
})

func runBindingNameCaseMismatch(p *lint.Pass) {
	type key struct {
		binding *wrangler.Node // the binding's name in the config: stable across lookups
		ns      string
	}
	type finding struct {
		served analyses.Served
		target analyses.Target
		refs   []refTarget
		// elsewhere is a binding of another environment the clients reach
		// that serves their namespace exactly.
		elsewhere *analyses.Served
	}
	found := map[key]*finding{}
	var order []key
	for _, ref := range analyses.RefsOf(p).Refs {
		t, ok := analyses.RoutingOf(p).Resolve(ref)
		if !ok || !t.Each() && len(t.Exact) > 0 {
			continue // talking to any Worker: one that serves it is enough
		}
		for _, r := range t.Reached {
			if len(r.Exact) > 0 {
				continue
			}
			for _, s := range r.Loose {
				k := key{s.Binding.NameNode, t.Namespace}
				if found[k] == nil {
					found[k] = &finding{served: s, target: t}
					order = append(order, k)
				}
				found[k].refs = append(found[k].refs, refTarget{ref, t})
				if len(t.Exact) > 0 && found[k].elsewhere == nil {
					found[k].elsewhere = &t.Exact[0]
				}
			}
		}
	}
	// One mistake, one finding: the same clients missing the same binding
	// name in several environments of a Worker are reported once, at the
	// first environment's binding, naming every environment.
	type groupKey struct {
		w        *project.Worker
		name, ns string
		client   *source.File
		at       int
	}
	type group struct{ findings []*finding }
	var groups []*group
	byKey := map[groupKey]*group{}
	for _, k := range order {
		f := found[k]
		s := f.served
		if f.elsewhere != nil {
			reportEnvSpelling(p, s, *f.elsewhere, f.target, f.refs)
			continue
		}
		first := f.refs[0].ref.Span
		gk := groupKey{w: s.Worker, name: s.Binding.Name, ns: f.target.Namespace, client: first.File, at: first.Start}
		g := byKey[gk]
		if g == nil {
			g = &group{}
			byKey[gk] = g
			groups = append(groups, g)
		}
		g.findings = append(g.findings, f)
	}
	for _, g := range groups {
		f := g.findings[0]
		s := f.served
		var envs []*wrangler.Env
		related := clientRelated(f.refs)
		for _, other := range g.findings {
			envs = append(envs, other.served.Env)
			if other != f {
				related = append(related, lint.Related{Span: other.served.Binding.NameNode.Span, Note: "bound the same way" + inEnv(other.served.Env)})
			}
		}
		env := s.Env
		if len(envs) > 1 {
			env = nil // the finding is about every one of them
		}
		rename := renameFix(p.Project, s.Worker, s.Binding.Name, renameCandidate(f.target.Namespace, s.Worker.Versions.ServerEra()))
		p.ReportRelated(s.Binding.NameNode.Span, env, caseMismatchMessage(s, envs, f.target, f.refs), related,
			clientFix(f.refs, s, lint.Safe), rename)
	}
}

// inEnvList renders where a binding is: "" for the top level alone,
// ` in env "production"`, or ` in the top level and env "production"`.
func inEnvList(envs []*wrangler.Env) string {
	if len(envs) == 1 {
		return inEnv(envs[0])
	}
	var labels []string
	for _, e := range envs {
		if e.IsTop() {
			labels = append(labels, "the top level")
		} else {
			labels = append(labels, e.Label())
		}
	}
	return " in " + strings.Join(labels[:len(labels)-1], ", ") + " and " + labels[len(labels)-1]
}

// reportEnvSpelling: the clients are routable in another environment, so
// the client stays as it is (a client fix would break the environments
// that work) and this environment's binding is spelt like the other's.
func reportEnvSpelling(p *lint.Pass, s, exact analyses.Served, t analyses.Target, refs []refTarget) {
	msg := "binding " + source.Quote(s.Binding.Name) + inEnv(s.Env) + " is served at " + s.URL() + "... but " + describeRef(refs[0].ref) +
		" connects to " + requestURL(t) + ", which " + deploymentLabel(exact) + " serves as binding " + source.Quote(exact.Binding.Name) +
		": the same client ships with every environment, so every request to this one fails with 400 \"Invalid request\"; " +
		"spell the binding " + source.Quote(exact.Binding.Name) + " here too (and use env." + exact.Binding.Name + " in the code)"
	fix := &lint.Fix{Description: "rename binding " + source.Quote(s.Binding.Name) + inEnv(s.Env) + " to " + source.Quote(exact.Binding.Name),
		Applicability: lint.Unsafe, Edits: []source.Edit{quotedEdit(s.Binding.NameNode.Span, exact.Binding.Name)}}
	related := append(clientRelated(refs), lint.Related{Span: exact.Binding.NameNode.Span, Note: "served here as " + exact.URL()})
	p.ReportRelated(s.Binding.NameNode.Span, s.Env, msg, related, fix)
}

// deploymentLabel names where a binding is deployed: "the top level of
// wrangler.jsonc" or "env "production" of wrangler.jsonc".
func deploymentLabel(s analyses.Served) string {
	if s.Env.IsTop() {
		return "the top level of " + s.Worker.Config.File.Rel
	}
	return s.Env.Label() + " of " + s.Worker.Config.File.Rel
}

func caseMismatchMessage(s analyses.Served, envs []*wrangler.Env, t analyses.Target, refs []refTarget) string {
	first := refs[0].ref
	msg := "binding " + source.Quote(s.Binding.Name) + inEnvList(envs) + " is served at " + s.URL() + "... but " +
		describeRef(first)
	if len(refs) > 1 {
		msg += " (and " + itoaPlural(len(refs)-1, "other client") + ")"
	}
	msg += " connects to " + requestURL(t) + ", which no binding serves: every request fails with 400 \"Invalid request\"; "
	era := s.Worker.Versions.ServerEra()
	advice, _ := clientRepair(first, s, era)
	rename := renameCandidate(t.Namespace, era)
	switch {
	case advice != "" && rename != "":
		msg += "either make the client use " + advice + ", or rename the binding to " + source.Quote(rename) +
			" (and every env." + s.Binding.Name + " in the code with it)"
	case advice != "":
		msg += "make the client use " + advice
	case rename != "":
		msg += "rename the binding to " + source.Quote(rename) + " (and every env." + s.Binding.Name + " in the code with it)"
	}
	return msg
}

func itoaPlural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return source.Itoa(n) + " " + word + "s"
}

// clientRelated points at each client that asks for the near miss.
func clientRelated(refs []refTarget) []lint.Related {
	out := make([]lint.Related, 0, len(refs))
	for _, rt := range refs {
		out = append(out, lint.Related{Span: rt.ref.Span, Note: rt.ref.Via + " asks for " + requestURL(rt.target)})
	}
	return out
}
