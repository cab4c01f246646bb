package rules

import (
	"slices"
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/source"
)

var _ = register(&lint.Rule{
	ID:       "unroutable-agent-url",
	Severity: lint.SeverityError,
	Requires: []*lint.Analysis{analyses.Refs, analyses.Routing, analyses.Classes},
	Doc: lint.Doc{
		Summary: "a client connects to an agent namespace that no Durable Object binding of any Worker it can reach serves",
		Why: "routeAgentRequest matches /agents/<namespace>/ against the kebab-case of every Durable Object binding name. " +
			"A namespace that matches none, not even loosely, is answered with 400 \"Invalid request\": a typo, a binding " +
			"that was renamed or removed, or one that the environment the client talks to does not declare. " +
			"What it follows: the options of useAgent, AgentClient, agentFetch, usePartySocket and PartySocket, and URLs passed to fetch, WebSocket, EventSource, URL and Request (absolute ws/http URLs anywhere), through consts, constants imported from project modules (also through re-exports), string concatenation and templates, each literal alternative of `a || \"X\"`, `a ?? \"X\"` and `c ? \"X\" : \"Y\"`, spreads of known objects (a spread of anything else is assumed not to set agent, prefix, host or basePath), toLowerCase/toUpperCase/replace, and one level of project function or hook that passes a parameter into a client (every call with a known argument is judged at the argument). A client reaches, per Worker, the environments whose routes or workers.dev name cover its host, or else every environment of the Worker whose folder holds it, and must be served in each. A client whose prefix no routing call of the Worker serves never reaches an agent and is reported too: useAgent({ prefix: \"chat-api\" }) where routeAgentRequest serves /agents/, PartySocket's default /parties/ against routeAgentRequest, a URL under /agents/ where the Worker routes /api/agents/ (unless the Worker may route it after all: a routing call whose prefix is known only at run time, a routing middleware such as hono-agents or hono-party, routes of its own router under that prefix). Where a value is known only at run time (a network response, a parameter nobody passes), or where the Worker's own router serves that exact path (a route that writes the prefix and the namespace literally, such as app.get(\"/agents/reports/:id/pdf\") for /agents/reports/7/pdf, or a comparison with url.pathname), the rule stays silent; `--verbose` counts those clients. `wranglint route` answers by the same judgement. Test files are not judged. A Worker whose bindings an Alchemy program (alchemy.run.ts in its folder or above) also declares is not judged by what its config lacks.",
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
    return (await routeAgentRequest(request, env)) ?? new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;
-- src/client.ts --
import { AgentClient } from "agents/client";

export const client = new AgentClient({ agent: "chat-bot", host: location.host }); // /agents/chat-bot/default`,
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
    return (await routeAgentRequest(request, env)) ?? new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;
-- src/client.ts --
import { AgentClient } from "agents/client";

export const client = new AgentClient({ agent: "ChatAgent", host: location.host }); // /agents/chat-agent/default`,
		Fix:       "unsafe, and only when exactly one served namespace is a small edit away (a typo): rewrite the client's literal to it; otherwise the message names the nearest namespace",
		FixSafety: lint.FixUnsafe,
	},
	Run: runUnroutableAgentURL,
})

func runUnroutableAgentURL(p *lint.Pass) {
	rt := analyses.RoutingOf(p)
	type key struct {
		span      source.Span
		namespace string
	}
	reported := map[key]bool{} // a literal that several calls share is one mistake
	for _, ref := range analyses.RefsOf(p).Refs {
		t, ok := rt.Resolve(ref)
		if !ok || reported[key{t.NSSpan, t.Namespace}] {
			continue
		}
		var failing []analyses.Reach
		for _, r := range t.Reached {
			if !r.Serves() {
				failing = append(failing, r)
			}
		}
		if len(failing) == 0 || !t.Each() && len(failing) < len(t.Reached) {
			continue
		}
		reported[key{t.NSSpan, t.Namespace}] = true
		switch {
		case t.Unrouted:
			p.ReportRelated(t.NSSpan, nil, unroutedMessage(rt, ref, t), routingCallsOf(p, t.Workers))
		case len(failing) == len(t.Reached):
			p.Report(t.NSSpan, nil, unroutableMessage(p, ref, t), typoFix(p, ref, t))
		default:
			p.Report(t.NSSpan, failing[0].Env, unroutableInMessage(ref, t, failing))
		}
	}
}

// unroutableInMessage: the namespace is served in some environments the
// client reaches and not in others.
func unroutableInMessage(ref *analyses.ResolvedRef, t analyses.Target, failing []analyses.Reach) string {
	var labels []string
	for _, r := range failing {
		labels = append(labels, r.Label())
	}
	msg := viaAt(ref) + " connects to " + requestURL(t) + ", which no Durable Object binding of " + strings.Join(labels, ", ") +
		" serves: the same client ships with every environment, so requests to " + plural(len(failing), "that deployment", "those deployments") +
		" fail with 400 \"Invalid request\""
	if len(t.Exact) > 0 {
		s := t.Exact[0]
		msg += "; " + deploymentLabel(s) + " serves it as binding " + source.Quote(s.Binding.Name) + ": bind the same there"
	}
	return msg
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// typoFix is offered only when exactly one served namespace is a small
// edit away: then the reference is almost certainly a typo of it.
func typoFix(p *lint.Pass, ref *analyses.ResolvedRef, t analyses.Target) *lint.Fix {
	limit := max(2, len([]rune(t.Namespace))/4)
	var near []analyses.Served
	seen := map[string]bool{}
	for _, s := range agentCandidates(p, t.Candidates) {
		if !seen[s.Namespace] && source.EditDistance(t.Namespace, s.Namespace) <= limit {
			seen[s.Namespace] = true
			near = append(near, s)
		}
	}
	if len(near) != 1 {
		return nil
	}
	return clientFix([]refTarget{{ref, t}}, near[0], lint.Unsafe)
}

func unroutableMessage(p *lint.Pass, ref *analyses.ResolvedRef, t analyses.Target) string {
	msg := viaAt(ref) + " connects to " + requestURL(t) + ", which no Durable Object binding of " + workerList(t.Workers) +
		" serves: the request fails with 400 \"Invalid request\""
	if other := analyses.RoutingOf(p).ServingElsewhere(t.Prefix, t.Namespace, t.Reached); len(other) > 0 {
		d := project.Deployment{Worker: other[0].Worker, Env: other[0].Env}
		where := deploymentLabel(other[0])
		if hosts := d.Hosts(); len(hosts) > 0 {
			where += " (" + strings.Join(hosts, ", ") + ")"
		}
		return msg + "; " + where + " serves it as binding " + source.Quote(other[0].Binding.Name) + ": send the request to that Worker's host"
	}
	near := nearAgents(p, t)
	if len(near) == 0 {
		return msg
	}
	s := near[0]
	advice, _ := clientRepair(ref, s, s.Worker.Versions.ServerEra())
	msg += "; the closest served namespace is " + source.Quote(s.Namespace) + ", " + bindingPlace(s)
	if advice != "" {
		msg += ": use " + advice
	}
	return msg
}

func workerList(ws []*project.Worker) string {
	var names []string
	for _, w := range ws {
		names = append(names, w.Config.File.Rel)
	}
	if len(names) > 3 {
		return source.Itoa(len(names)) + " Workers"
	}
	return strings.Join(names, ", ")
}

// agentCandidates keeps the bindings of Agent or partyserver Server
// classes: a suggestion never names a Container or another plain
// Durable Object.
func agentCandidates(p *lint.Pass, served []analyses.Served) []analyses.Served {
	var out []analyses.Served
	for _, s := range served {
		if base, ok := analyses.ClassesOf(p).BaseOf(s.Worker, s.Env, s.Binding.ClassName); ok && base.IsPartyServer() {
			out = append(out, s)
		}
	}
	return out
}

// nearAgents is the one agent namespace near the requested one, if any.
func nearAgents(p *lint.Pass, t analyses.Target) []analyses.Served {
	near := analyses.Nearest(t.Namespace, agentCandidates(p, t.Candidates), 1)
	if len(near) == 0 || source.EditDistance(sdk.Loose(t.Namespace), sdk.Loose(near[0].Namespace)) > max(3, len(t.Namespace)/2) {
		return nil
	}
	return near
}

// unroutedMessage: no Worker the client reaches routes its prefix, so
// the request never reaches routeAgentRequest's namespaces.
func unroutedMessage(rt *analyses.RoutingIndex, ref *analyses.ResolvedRef, t analyses.Target) string {
	var routed []string
	for _, w := range t.Workers {
		for _, x := range rt.Prefixes(w) {
			if !slices.Contains(routed, x) {
				routed = append(routed, x)
			}
		}
	}
	var shown []string
	for _, x := range routed {
		shown = append(shown, "/"+x+"/")
	}
	msg := viaAt(ref) + " connects to " + requestURL(t) + ", but no routing call of " + workerList(t.Workers) + " serves /" + t.Prefix +
		"/ (" + plural(len(routed), "it routes ", "they route ") + strings.Join(shown, ", ") + "): the request never reaches an agent, " +
		"and the Worker answers it as any other path"
	var under []analyses.Served
	for _, r := range t.Reached {
		for _, s := range rt.Served(r.Deployment) {
			if s.Namespace == t.Namespace {
				under = append(under, s)
			}
		}
	}
	switch {
	case len(under) > 0:
		s := under[0]
		msg += "; " + bindingPlace(s) + " serves " + source.Quote(t.Namespace) + " at " + s.URL() + ": " + prefixAdvice(ref, s.Prefix, t.Namespace)
	case len(routed) == 1:
		msg += "; " + prefixAdvice(ref, routed[0], t.Namespace)
	}
	return msg
}

// prefixAdvice says how the client asks for prefix instead.
func prefixAdvice(ref *analyses.ResolvedRef, prefix, ns string) string {
	switch ref.Kind {
	case jscode.RefAgentClient:
		if prefix == "agents" {
			return "remove the prefix option"
		}
		return "set prefix: " + source.Quote(prefix) + " in " + ref.Via
	case jscode.RefPartySocket:
		return "set prefix: " + source.Quote(prefix) + " in " + ref.Via
	}
	return "request /" + prefix + "/" + ns + "/... instead"
}

// routingCallsOf places the routing calls of the Workers a client reaches,
// with the prefix each serves: the other side of an unrouted client.
func routingCallsOf(p *lint.Pass, ws []*project.Worker) []lint.Related {
	var out []lint.Related
	for _, w := range ws {
		for _, sf := range p.Project.RoutingSources(w) {
			for _, rc := range sf.RouteCalls {
				if !rc.Span.Valid() || len(out) == 4 {
					continue
				}
				prefix := rc.Prefix
				if !rc.HasPrefix {
					prefix = "agents"
					if rc.Func == "routePartykitRequest" {
						prefix = "parties"
					}
				}
				note := rc.Func + " serves /" + prefix + "/"
				if prefix == "" {
					note = rc.Func + " (its prefix is computed)"
				}
				out = append(out, lint.Related{Span: rc.Span, Note: note})
			}
		}
	}
	return out
}
