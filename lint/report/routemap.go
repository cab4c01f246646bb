package report

import (
	"sort"
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// RouteMap is the routing of a repository (`wranglint routes`): each
// Worker and environment with its hosts, the URL namespaces it serves,
// the service bindings, queues, cron triggers and tail consumers that
// connect it to other Workers, and every client reference with the
// deployments it reaches. The JSON format prints it as it is.
type RouteMap struct {
	Workers []MapWorker `json:"workers"`
	Clients []MapClient `json:"clients"`
}

// MapWorker is one wrangler config.
type MapWorker struct {
	Config   string   `json:"config"` // as shown (relative to the working folder)
	Name     string   `json:"name"`
	Prefixes []string `json:"prefixes"` // the URL prefixes its code routes to Durable Objects
	// Versions says which agents / partyserver versions decide its URL
	// names, and where they were read.
	Versions string `json:"versions"`
	// RoutingOnly: outside the folders given, loaded because clients
	// there may reach it. TestHarness: a config tests run against, never
	// deployed.
	RoutingOnly  bool     `json:"routing_only,omitempty"`
	TestHarness  bool     `json:"test_harness,omitempty"`
	Environments []MapEnv `json:"environments"`
}

// MapEnv is one deployment: the top level or env.<name>.
type MapEnv struct {
	Env        string         `json:"env"` // "" for the top level
	Label      string         `json:"label"`
	Deployed   string         `json:"deployed_name"` // the Worker's name once deployed
	Hosts      []MapHost      `json:"hosts"`
	Namespaces []MapNamespace `json:"namespaces"`
	Services   []MapLink      `json:"services"`
	Produces   []MapLink      `json:"queue_producers"`
	Consumes   []MapLink      `json:"queue_consumers"`
	Crons      []string       `json:"crons"`
	Tails      []MapLink      `json:"tail_consumers"`
}

// MapHost is where a deployment answers: a route, a custom domain, or
// its workers.dev name.
type MapHost struct {
	Kind    string `json:"kind"` // "route", "custom_domain" or "workers.dev"
	Pattern string `json:"pattern"`
	Zone    string `json:"zone,omitempty"`
}

// MapNamespace is one URL namespace a deployment serves.
type MapNamespace struct {
	URL     string `json:"url"` // /prefix/namespace/
	Binding string `json:"binding"`
	Class   string `json:"class"`
	Script  string `json:"script_name,omitempty"` // the class lives in another Worker
	At      string `json:"at"`                    // where the binding is declared
	// Era is the name conversion the SDK applies, and EraFrom the
	// version that decides it.
	Era     string `json:"era"`
	EraFrom string `json:"era_from"`
}

// MapLink is a service binding, a queue producer or consumer, or a tail
// consumer, with the deployments of this repository at its other end.
type MapLink struct {
	Binding string `json:"binding,omitempty"`
	// Name is the service or queue named; Entrypoint and Environment
	// refine a service binding.
	Name        string   `json:"name"`
	Entrypoint  string   `json:"entrypoint,omitempty"`
	Environment string   `json:"environment,omitempty"`
	Targets     []MapRef `json:"targets"` // none: not a Worker of this repository
}

// MapRef names a deployment of the map.
type MapRef struct {
	Config string `json:"config"`
	Env    string `json:"env"`
}

// MapClient is one client reference.
type MapClient struct {
	At    string `json:"at"`  // file:line:col
	Via   string `json:"via"` // useAgent, new PartySocket, URL literal, ...
	Value string `json:"value"`
	// Asks is what it requests, /prefix/namespace/, with the name
	// conversion of the client (Era) when it converts one.
	Asks string `json:"asks,omitempty"`
	Era  string `json:"era,omitempty"`
	Host string `json:"host,omitempty"`
	// How says how its deployments were chosen: "host" (routes or a
	// workers.dev name cover its host), "folder" (the Worker whose folder
	// holds the file), or "any" (any Worker serving it will do).
	How     string     `json:"how,omitempty"`
	Reaches []MapReach `json:"reaches"`
	// Unjudged says why no deployment could be judged (no Worker it can
	// reach routes its prefix).
	Unjudged string `json:"unjudged,omitempty"`
	// Findings are the lint's findings about the reference: why it
	// reaches nothing.
	Findings []MapFinding `json:"findings"`
}

// MapReach is one deployment a client reaches.
type MapReach struct {
	MapRef
	Served  bool   `json:"served"`
	Binding string `json:"binding,omitempty"` // the binding serving it
	URL     string `json:"url,omitempty"`     // where it is served
	Nearest string `json:"nearest,omitempty"` // when not served: the closest served namespace
}

// MapFinding is a finding of the lint about a client reference.
type MapFinding struct {
	Rule    string `json:"rule"`
	Message string `json:"message"`
	// Severity colours the finding in the text map; the JSON map leaves
	// it out, as it always has.
	Severity lint.Severity `json:"-"`
}

// BuildRouteMap draws the map of a loaded project from the routing and
// client-reference analyses (lint.Analyze(p, analyses.Routing,
// analyses.Refs)); findings are the lint's, attached to the client
// references they are about. Text read from files is masked as every
// output is.
func BuildRouteMap(p *project.Project, c lint.Results, findings []lint.Diagnostic) *RouteMap {
	rt, refs := analyses.RoutingOf(c), analyses.RefsOf(c)
	m := &RouteMap{Workers: []MapWorker{}, Clients: []MapClient{}}
	mask := p.Files.Masker()
	consumers := queueConsumers(p)
	for _, w := range p.Workers {
		name, _ := w.Config.Root.GetString("name")
		mw := MapWorker{Config: w.Config.File.Rel, Name: mask.Mask(name), Prefixes: rt.Prefixes(w), Versions: w.Versions.Explain(),
			RoutingOnly: w.RoutingOnly, TestHarness: w.TestHarness, Environments: []MapEnv{}}
		for _, e := range w.Config.Envs {
			mw.Environments = append(mw.Environments, mapEnv(p, rt, w, e, consumers, mask))
		}
		m.Workers = append(m.Workers, mw)
	}
	for _, ref := range refs.Refs {
		if mc, ok := mapClient(rt, ref, findings, mask); ok {
			m.Clients = append(m.Clients, mc)
		}
	}
	sort.SliceStable(m.Clients, func(i, j int) bool { return lessAt(m.Clients[i].At, m.Clients[j].At) })
	return m
}

func mapEnv(p *project.Project, rt *analyses.RoutingIndex, w *project.Worker, e *wrangler.Env, consumers map[string][]MapRef, mask *source.Masker) MapEnv {
	me := MapEnv{Env: e.Name, Label: e.Label(), Deployed: mask.Mask(e.WorkerName()), Hosts: hosts(e, mask), Namespaces: []MapNamespace{},
		Services: []MapLink{}, Produces: []MapLink{}, Consumes: []MapLink{}, Crons: []string{}, Tails: []MapLink{}}
	era := w.Versions.ServerEra()
	for _, s := range rt.Served(project.Deployment{Worker: w, Env: e}) {
		me.Namespaces = append(me.Namespaces, MapNamespace{URL: mask.Mask(s.URL()), Binding: mask.Mask(s.Binding.Name), Class: mask.Mask(s.Binding.ClassName),
			Script: mask.Mask(s.Binding.ScriptName), At: s.Binding.NameNode.Span.String(), Era: era.String(), EraFrom: eraFrom(w.Versions)})
	}
	for _, n := range e.Get("services").Objects() {
		l := MapLink{Targets: []MapRef{}}
		l.Binding, _ = n.GetString("binding")
		l.Name, _ = n.GetString("service")
		l.Entrypoint, _ = n.GetString("entrypoint")
		l.Environment, _ = n.GetString("environment")
		l.Targets = serviceTargets(p, l.Name, l.Environment)
		me.Services = append(me.Services, maskLink(l, mask))
	}
	for _, n := range e.Get("queues").Get("producers").Objects() {
		l := MapLink{}
		l.Binding, _ = n.GetString("binding")
		l.Name, _ = n.GetString("queue")
		l.Targets = append([]MapRef{}, consumers[l.Name]...)
		me.Produces = append(me.Produces, maskLink(l, mask))
	}
	for _, n := range e.Get("queues").Get("consumers").Objects() {
		l := MapLink{Targets: []MapRef{}}
		l.Name, _ = n.GetString("queue")
		me.Consumes = append(me.Consumes, maskLink(l, mask))
	}
	for _, n := range e.Get("triggers").Get("crons").Strings() {
		me.Crons = append(me.Crons, mask.Mask(n.Str))
	}
	for _, n := range e.Get("tail_consumers").Objects() {
		l := MapLink{}
		l.Name, _ = n.GetString("service")
		l.Environment, _ = n.GetString("environment")
		l.Targets = serviceTargets(p, l.Name, l.Environment)
		me.Tails = append(me.Tails, maskLink(l, mask))
	}
	return me
}

func maskLink(l MapLink, mask *source.Masker) MapLink {
	l.Binding, l.Name, l.Entrypoint, l.Environment = mask.Mask(l.Binding), mask.Mask(l.Name), mask.Mask(l.Entrypoint), mask.Mask(l.Environment)
	if l.Targets == nil {
		l.Targets = []MapRef{}
	}
	return l
}

// hosts lists where a deployment answers, as wrangler deploys it
// (docs/workers-contracts.md, section 4): its routes (route or routes,
// custom domains among them), and its workers.dev name when workers_dev
// says so or, unset, when it has no route at all.
func hosts(e *wrangler.Env, mask *source.Masker) []MapHost {
	out := []MapHost{}
	add := func(n *wrangler.Node) {
		h := MapHost{Kind: "route"}
		if s, ok := n.String(); ok {
			h.Pattern = s
		} else if s, ok := n.GetString("pattern"); ok {
			h.Pattern = s
			if n.Get("custom_domain").Truthy() {
				h.Kind = "custom_domain"
			}
			if z, ok := n.GetString("zone_name"); ok {
				h.Zone = z
			} else if z, ok := n.GetString("zone_id"); ok {
				h.Zone = z
			}
		} else {
			return
		}
		h.Pattern, h.Zone = mask.Mask(h.Pattern), mask.Mask(h.Zone)
		out = append(out, h)
	}
	if r := e.Get("routes"); r.IsArray() {
		for _, it := range r.Items {
			add(it)
		}
	} else if r := e.Get("route"); r != nil {
		add(r)
	}
	workersDev := len(out) == 0
	if n := e.Get("workers_dev"); n != nil && n.Kind == wrangler.KindBool {
		workersDev = n.Bool
	}
	if name := e.WorkerName(); workersDev && name != "" {
		out = append(out, MapHost{Kind: "workers.dev", Pattern: mask.Mask(strings.ToLower(name)) + ".<subdomain>.workers.dev"})
	}
	return out
}

// eraFrom names the package version that decides how binding names
// become URL namespaces (as sdk.Versions.ServerEra decides).
func eraFrom(v sdk.Versions) string {
	switch a, ps := v.Agents, v.PartyServer; {
	case a.Found && a.Package == "agents" && !a.Version.Less(sdk.Version{Minor: 21}):
		return a.String()
	case ps.Found:
		return ps.String()
	case a.Found:
		return a.String()
	}
	return "no agents or partyserver version found: the current conversion"
}

// serviceTargets finds the deployments of this repository a service
// binding (or tail consumer) names: the environment's own name
// (<service>-<environment>) when an environment is given, else the
// service's.
func serviceTargets(p *project.Project, service, env string) []MapRef {
	out := []MapRef{}
	names := []string{service}
	if env != "" {
		names = []string{service + "-" + env, service}
	}
	for _, n := range names {
		if d, ok := p.WorkerNamed(n); ok {
			return append(out, refOf(d))
		}
		// several configs claim the name: any of them may deploy it
		for _, d := range p.DeploymentsNamed(n) {
			out = append(out, refOf(d))
		}
		if len(out) > 0 {
			return out
		}
	}
	return out
}

func refOf(d project.Deployment) MapRef {
	return MapRef{Config: d.Worker.Config.File.Rel, Env: d.Env.Name}
}

// queueConsumers indexes, by queue name, the deployments consuming it.
func queueConsumers(p *project.Project) map[string][]MapRef {
	out := map[string][]MapRef{}
	for _, w := range p.Workers {
		for _, e := range w.Config.Envs {
			for _, n := range e.Get("queues").Get("consumers").Objects() {
				if q, ok := n.GetString("queue"); ok {
					out[q] = append(out[q], MapRef{Config: w.Config.File.Rel, Env: e.Name})
				}
			}
		}
	}
	return out
}

// mapClient places one client reference; ok is false for a URL that
// names no routed prefix (most URLs in code are not agents').
func mapClient(rt *analyses.RoutingIndex, ref *analyses.ResolvedRef, findings []lint.Diagnostic, mask *source.Masker) (MapClient, bool) {
	agentish := ref.Kind == jscode.RefAgentClient || ref.Kind == jscode.RefPartySocket
	t, ok := rt.Resolve(ref)
	if !ok && !agentish {
		return MapClient{}, false
	}
	mc := MapClient{At: ref.Span.String(), Via: ref.Via, Value: mask.Mask(ref.Value), Host: mask.Mask(ref.Host), Reaches: []MapReach{}, Findings: []MapFinding{}}
	if agentish {
		mc.Era = ref.Era.String()
		prefix := ref.Prefix
		if prefix == "" {
			prefix = map[bool]string{true: "agents", false: "parties"}[ref.Kind == jscode.RefAgentClient]
		}
		mc.Asks = mask.Mask("/" + prefix + "/" + ref.Namespace + "/")
	} else if ok {
		mc.Asks = mask.Mask("/" + t.Prefix + "/" + t.Namespace + "/")
	}
	if !ok {
		mc.Unjudged = "no Worker it can reach routes its prefix (routed: " + strings.Join(rt.AllPrefixes(), ", ") + ")"
	} else {
		mc.How = [...]string{"host", "folder", "any"}[t.How]
		for _, r := range t.Reached {
			mr := MapReach{MapRef: refOf(r.Deployment)}
			if len(r.Exact) > 0 {
				mr.Served, mr.Binding, mr.URL = true, mask.Mask(r.Exact[0].Binding.Name), mask.Mask(r.Exact[0].URL())
			} else if near := analyses.Nearest(t.Namespace, append(r.Loose, r.Candidates...), 1); len(near) > 0 {
				mr.Nearest = mask.Mask(near[0].URL())
				mr.Binding = mask.Mask(near[0].Binding.Name)
			}
			mc.Reaches = append(mc.Reaches, mr)
		}
	}
	for _, d := range findings {
		if about(d, ref) {
			mc.Findings = append(mc.Findings, MapFinding{Rule: d.Rule, Message: d.Message, Severity: d.Severity})
		}
	}
	return mc, true
}

// about: the finding marks the reference, or names it as a related place
// (a binding whose client asks for another case).
func about(d lint.Diagnostic, ref *analyses.ResolvedRef) bool {
	spans := []source.Span{d.Span}
	for _, r := range d.Related {
		spans = append(spans, r.Span)
	}
	for _, s := range spans {
		for _, at := range []source.Span{ref.Span, ref.Site} {
			if s.File != nil && at.File != nil && s.File.Path == at.File.Path && s.Start < max(at.End, at.Start+1) && at.Start < max(s.End, s.Start+1) {
				return true
			}
		}
	}
	return false
}

// lessAt orders file:line:col places.
func lessAt(a, b string) bool {
	fa, la, ca := splitAt(a)
	fb, lb, cb := splitAt(b)
	if fa != fb {
		return fa < fb
	}
	if la != lb {
		return la < lb
	}
	return ca < cb
}

func splitAt(s string) (string, int, int) {
	parts := strings.Split(s, ":")
	if len(parts) < 3 {
		return s, 0, 0
	}
	n := len(parts)
	return strings.Join(parts[:n-2], ":"), atoi(parts[n-2]), atoi(parts[n-1])
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return n
		}
		n = n*10 + int(c-'0')
	}
	return n
}
