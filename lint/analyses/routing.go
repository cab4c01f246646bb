package analyses

import (
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// Routing is the URL map of the project: which prefixes each Worker
// routes to Durable Objects, which namespace each binding is served at in
// each environment, and where a client reference lands.
var Routing = &lint.Analysis{
	Name: "routing",
	Doc:  "the prefixes each Worker routes, the namespaces each deployment serves, and an index of them across Workers",
	Run:  func(p *lint.AnalysisPass) any { return newRouting(p.Project) },
}

// RoutingOf returns the Routing analysis's result.
func RoutingOf(r lint.Results) *RoutingIndex { return r.ResultOf(Routing).(*RoutingIndex) }

// RoutingIndex is the result of Routing.
type RoutingIndex struct {
	p        *project.Project
	workers  map[*project.Worker]*workerRouting
	deps     map[*project.Worker][]project.Deployment
	served   map[*wrangler.Env][]Served
	servedAt map[string][]Served // prefix + namespace -> every binding that serves it
	// resolved memoizes Resolve (rules running in parallel ask about the
	// same references): *ResolvedRef -> resolution
	resolved sync.Map
}

type resolution struct {
	t  Target
	ok bool
}

// workerRouting is what a Worker's code says about its URLs.
type workerRouting struct {
	// prefixes are those its routing calls serve ("agents" when none is
	// found); known is false when no routing call was found or the prefix
	// of one is known only at run time: it may then route any prefix.
	prefixes []string
	known    bool
	// defaults are the default prefixes of the routing functions it calls
	// (agents for routeAgentRequest, parties for routePartykitRequest): a
	// URL under one of them that the Worker does not route is an agent
	// URL that misses.
	defaults []string
	// patterns are the routes its own router serves, in segments.
	patterns [][]string
	// routes is whether its code routes to agents or parties at all (a
	// routing call or middleware): without one, a URL under /agents/ is a
	// path of its own (a page of its web app), not a namespace.
	routes bool
}

func newRouting(p *project.Project) *RoutingIndex {
	r := &RoutingIndex{p: p, workers: map[*project.Worker]*workerRouting{}, deps: map[*project.Worker][]project.Deployment{},
		served: map[*wrangler.Env][]Served{}, servedAt: map[string][]Served{}}
	for _, w := range p.Workers {
		r.workers[w] = findRouting(p, w)
		r.index(w)
	}
	return r
}

// findRouting learns which prefixes a Worker routes to Durable Objects
// from the routing calls in its module graph (or, without a graph, below
// its folder), and which paths its own router serves.
func findRouting(p *project.Project, w *project.Worker) *workerRouting {
	wr := &workerRouting{known: true}
	calls := 0
	for _, sf := range p.RoutingSources(w) {
		for _, rc := range sf.RouteCalls {
			calls++
			if def := sdk.DefaultPrefix(rc.Func); !slices.Contains(wr.defaults, def) {
				wr.defaults = append(wr.defaults, def)
			}
			prefix, ok := routePrefix(p, sf, rc)
			switch {
			case !ok:
				wr.known = false
			case !slices.Contains(wr.prefixes, prefix):
				wr.prefixes = append(wr.prefixes, prefix)
			}
		}
		for _, pat := range sf.RoutePatterns {
			wr.patterns = append(wr.patterns, strings.Split(strings.Trim(pat, "/"), "/"))
		}
		for _, im := range sf.Imports {
			if routingPackages[im.Spec] {
				wr.known = false // it routes with options wranglint does not see
				wr.routes = true
			}
		}
	}
	if calls == 0 {
		wr.known = false
	} else {
		wr.routes = true
	}
	if len(wr.prefixes) == 0 {
		wr.prefixes = []string{"agents"}
	}
	sort.Strings(wr.prefixes)
	sort.Strings(wr.defaults)
	return wr
}

// routingPackages route requests to agents or parties with a routing call
// of their own (Hono middleware).
var routingPackages = map[string]bool{"hono-agents": true, "hono-party": true}

// routePrefix is the prefix a routing call serves: its prefix option (a
// literal, or a constant imported from a project module), else the
// function's default. ok is false when it cannot be known.
func routePrefix(p *project.Project, sf *jscode.SourceFacts, rc *jscode.RouteCall) (string, bool) {
	switch {
	case !rc.HasPrefix:
		return sdk.DefaultPrefix(rc.Func), true
	case rc.PrefixValue == nil:
		return rc.Prefix, true
	}
	vs := jscode.FillValue(*rc.PrefixValue, p.ImportLookup(sf.File.Path, 0), jscode.PieceImport)
	if len(vs) != 1 || !vs[0].Known() {
		return "", false
	}
	return strings.Trim(vs[0].Text(), "/"), true
}

// index computes a Worker's deployments and what each serves.
func (r *RoutingIndex) index(w *project.Worker) {
	era := w.Versions.ServerEra()
	for _, e := range w.Config.Envs {
		dos := e.DurableObjects()
		if len(dos) == 0 {
			continue
		}
		r.deps[w] = append(r.deps[w], project.Deployment{Worker: w, Env: e})
		for _, b := range dos {
			for _, prefix := range r.workers[w].prefixes {
				s := Served{w, e, b, prefix, sdk.Namespace(b.Name, era)}
				r.served[e] = append(r.served[e], s)
				key := prefix + "\x00" + s.Namespace
				r.servedAt[key] = append(r.servedAt[key], s)
			}
		}
	}
}

// Prefixes are the URL prefixes the Worker routes to Durable Objects
// (routeAgentRequest / routePartykitRequest), "agents" when none is found.
func (r *RoutingIndex) Prefixes(w *project.Worker) []string { return r.workers[w].prefixes }

// PrefixesKnown: routing calls were found in the Worker's code and each
// one's prefix is known, so a prefix it does not list is one it does not
// route.
func (r *RoutingIndex) PrefixesKnown(w *project.Worker) bool { return r.workers[w].known }

// Deployments lists the environments of the Worker that bind Durable
// Objects (one that binds none serves no agent; env-missing-binding
// reports a missing durable_objects).
func (r *RoutingIndex) Deployments(w *project.Worker) []project.Deployment { return r.deps[w] }

// Served lists every namespace a deployment routes: every Durable Object
// binding (script_name ones too) under every prefix.
func (r *RoutingIndex) Served(d project.Deployment) []Served { return r.served[d.Env] }

// WorkerServed lists every namespace a Worker routes, in every environment.
func (r *RoutingIndex) WorkerServed(w *project.Worker) []Served {
	var out []Served
	for _, d := range r.deps[w] {
		out = append(out, r.served[d.Env]...)
	}
	return out
}

// OwnRoute returns the route of the Worker's own router (app.get(...), a
// comparison with url.pathname) that serves a client's path, "" when none
// does. path is the client's URL path in segments ("" where it is filled
// at run time), of which the first prefixLen+1 are the prefix and the
// namespace. A route serves it only if it writes those segments literally
// from its start (/agents/personal-agents/:id for
// /agents/personal-agents/x) and matches the rest: a route with a
// parameter or a wildcard there (/agents/*) is the agents' own.
func (r *RoutingIndex) OwnRoute(w *project.Worker, path []string, prefixLen int) string {
	for _, pat := range r.workers[w].patterns {
		if patternServes(pat, path, prefixLen) {
			return "/" + strings.Join(pat, "/")
		}
	}
	return ""
}

// routesUnder: the Worker's own router has a route below the prefix
// (/chat-api/:agent/:name): it handles that prefix itself.
func (r *RoutingIndex) routesUnder(w *project.Worker, prefix []string) bool {
	for _, pat := range r.workers[w].patterns {
		if len(pat) > len(prefix) && slices.Equal(pat[:len(prefix)], prefix) {
			return true
		}
	}
	return false
}

// patternServes matches a route pattern against a client's path.
func patternServes(pat, path []string, prefixLen int) bool {
	if len(pat) <= prefixLen || len(path) <= prefixLen {
		return false
	}
	for i := 0; i <= prefixLen; i++ {
		if pat[i] != path[i] || path[i] == "" || isPatternParam(pat[i]) {
			return false
		}
	}
	for i := prefixLen + 1; i < len(pat); i++ {
		seg := pat[i]
		if strings.HasSuffix(seg, "*") {
			return true // the rest of the path, whatever it is
		}
		if i >= len(path) {
			// a path that ends in a part filled at run time may go on
			return path[len(path)-1] == "" || optionalParams(pat[i:])
		}
		if !isPatternParam(seg) && path[i] != "" && path[i] != seg {
			return false
		}
	}
	return len(path) == len(pat)
}

// isPatternParam: ":id", ":id?", "{id}", "[id]", "*": any one segment.
func isPatternParam(seg string) bool {
	return strings.HasPrefix(seg, ":") || strings.ContainsAny(seg, "[]*{}")
}

// optionalParams: route segments that may be absent (":id?", "*").
func optionalParams(segs []string) bool {
	for _, s := range segs {
		if !(strings.HasPrefix(s, ":") && strings.HasSuffix(s, "?")) && !strings.HasSuffix(s, "*") {
			return false
		}
	}
	return true
}

// Served is one URL namespace a Worker environment routes to a binding.
type Served struct {
	Worker    *project.Worker
	Env       *wrangler.Env
	Binding   *wrangler.DOBinding
	Prefix    string
	Namespace string
}

// URL renders /prefix/namespace/ for messages.
func (s Served) URL() string { return "/" + s.Prefix + "/" + s.Namespace + "/" }

// Target is where a client reference points: the prefix and namespace,
// and, per deployment it reaches, what serves it there.
type Target struct {
	Ref       *ResolvedRef
	Prefix    string
	Namespace string
	Workers   []*project.Worker
	// Reached are the deployments the reference reaches, each judged.
	Reached []Reach
	// Exact, Loose and Candidates gather those of every reached deployment.
	Exact      []Served // bindings that serve the namespace exactly
	Loose      []Served // bindings that differ only in case or separators
	Candidates []Served // every binding reachable under the prefix
	// NSSpan is the namespace text inside a URL literal when it is written
	// there plainly, else the whole literal.
	NSSpan source.Span
	// Unrouted: no reached deployment routes the prefix at all (each
	// Worker's routing calls are known and serve other prefixes); Reached
	// then lists every reached deployment, with no candidates.
	Unrouted bool
	// How says how the deployments were chosen.
	How Reached
}

// Reached says how a reference's deployments were chosen.
type Reached int

const (
	// ByHost: their routes or workers.dev names cover the reference's
	// host; each must serve it.
	ByHost Reached = iota
	// ByFolder: the environments of the Worker whose folder holds the
	// file; the same code ships with each, so each must serve it.
	ByFolder
	// AnyWorker: nothing says which Worker the reference talks to; one
	// that serves it is enough.
	AnyWorker
)

// Each reports whether every reached deployment must serve the
// reference (not so when it may talk to any Worker).
func (t Target) Each() bool { return t.How != AnyWorker }

// Reach is one deployment a reference reaches, with what serves the
// reference's namespace there.
type Reach struct {
	project.Deployment
	Exact, Loose, Candidates []Served
	// OwnRoute is the route of the Worker's own router that serves the
	// reference's path, "" when none does: such a request is not an agent
	// request, and is served.
	OwnRoute string
}

// Serves: the deployment answers the reference, through a binding of that
// namespace (loosely spelt ones are another rule's) or its own router.
func (rd Reach) Serves() bool { return len(rd.Exact) > 0 || len(rd.Loose) > 0 || rd.OwnRoute != "" }

// Resolve works out which deployments and bindings a client reference can
// reach; wranglint route and the rules judge by it alike. A reference
// names a prefix (an option, its default, or for a URL the longest prefix
// a reached Worker routes, or the default prefix of a routing function
// one calls) and a namespace below it. Each reached deployment that
// routes the prefix is judged; when none routes it, the target is
// Unrouted (the request never reaches an agent). ok is false when nothing
// can be judged: no Worker binds a Durable Object, a URL under no prefix
// the reached Workers use, a host no deployment covers, or a prefix some
// reached Worker may route after all (a routing call whose prefix is
// known only at run time, none found, a routing middleware such as
// hono-agents, or routes of its own router below that prefix), or a
// reached Worker whose bindings another program declares (Alchemy).
func (r *RoutingIndex) Resolve(ref *ResolvedRef) (Target, bool) {
	if v, ok := r.resolved.Load(ref); ok {
		res := v.(resolution)
		return res.t, res.ok
	}
	t, ok := r.resolve(ref)
	// clipped: a caller that appends to a slice gets its own copy
	t.Workers, t.Reached, t.Exact, t.Loose, t.Candidates = slices.Clip(t.Workers), slices.Clip(t.Reached), slices.Clip(t.Exact), slices.Clip(t.Loose), slices.Clip(t.Candidates)
	r.resolved.Store(ref, resolution{t, ok})
	return t, ok
}

func (r *RoutingIndex) resolve(ref *ResolvedRef) (Target, bool) {
	file := ""
	if ref.Span.File != nil {
		file = ref.Span.File.Path
	}
	deps, how := r.Reachable(ref.Host, file)
	t := Target{Ref: ref, How: how}
	for _, d := range deps {
		if d.Worker.BindingsElsewhere != "" {
			return t, false // its bindings are declared by another program too
		}
	}
	for _, d := range deps {
		if len(t.Workers) == 0 || t.Workers[len(t.Workers)-1] != d.Worker {
			t.Workers = append(t.Workers, d.Worker)
		}
	}
	prefix, ns, ok := r.refTarget(ref, t.Workers)
	if !ok {
		prefix, ns, ok = r.nearPrefixTarget(ref, t.Workers)
	}
	if !ok {
		return t, false
	}
	t.Prefix, t.Namespace = prefix, ns
	t.NSSpan = namespaceSpan(ref, prefix, ns)
	path := requestPath(ref, prefix, ns)
	prefixLen := len(strings.Split(prefix, "/"))
	for _, d := range deps {
		rd := r.judge(d, prefix, ns)
		if len(rd.Candidates) == 0 {
			continue // this deployment does not route the prefix
		}
		rd.OwnRoute = r.OwnRoute(d.Worker, path, prefixLen)
		t.Reached = append(t.Reached, rd)
		t.Exact = append(t.Exact, rd.Exact...)
		t.Loose = append(t.Loose, rd.Loose...)
		t.Candidates = append(t.Candidates, rd.Candidates...)
	}
	if len(t.Reached) > 0 {
		return t, true
	}
	if len(deps) == 0 || ref.Host != "" && how != ByHost {
		return t, false
	}
	for _, w := range t.Workers {
		if !r.workers[w].known || r.routesUnder(w, strings.Split(prefix, "/")) {
			return t, false // it may route the prefix: by options not seen, or by its own router
		}
	}
	t.Unrouted = true
	for _, d := range deps {
		t.Reached = append(t.Reached, Reach{Deployment: d, OwnRoute: r.OwnRoute(d.Worker, path, prefixLen)})
	}
	return t, true
}

// judge finds what serves prefix/ns in one deployment.
func (r *RoutingIndex) judge(d project.Deployment, prefix, ns string) Reach {
	rd := Reach{Deployment: d}
	for _, s := range r.Served(d) {
		if s.Prefix != prefix {
			continue
		}
		rd.Candidates = append(rd.Candidates, s)
		switch {
		case s.Namespace == ns:
			rd.Exact = append(rd.Exact, s)
		case sdk.Loose(s.Namespace) == sdk.Loose(ns) && sdk.Loose(ns) != "":
			rd.Loose = append(rd.Loose, s)
		}
	}
	return rd
}

// refTarget finds the prefix and namespace a reference asks for. A URL
// names the longest prefix the Workers route, or the default prefix of a
// routing function they call, that its path starts with.
func (r *RoutingIndex) refTarget(ref *ResolvedRef, workers []*project.Worker) (prefix, ns string, ok bool) {
	switch ref.Kind {
	case jscode.RefAgentClient:
		return orDefault(ref.Prefix, "agents"), ref.Namespace, true
	case jscode.RefPartySocket:
		return orDefault(ref.Prefix, "parties"), ref.Namespace, true
	}
	prefixes := map[string]bool{}
	for _, w := range workers {
		if !r.workers[w].routes {
			continue // a URL is judged only against Workers that route agents
		}
		for _, p := range r.workers[w].prefixes {
			prefixes[p] = true
		}
		for _, p := range r.workers[w].defaults {
			prefixes[p] = true
		}
	}
	keys := source.SortedKeys(prefixes)
	sort.SliceStable(keys, func(i, j int) bool { return len(keys[i]) > len(keys[j]) })
	for _, pfx := range keys {
		parts := strings.Split(pfx, "/")
		if len(ref.Segs) < len(parts)+2 || !slices.Equal(ref.Segs[:len(parts)], parts) {
			continue
		}
		if ns := ref.Segs[len(parts)]; ns != "" {
			return pfx, ns, true
		}
	}
	return "", "", false
}

// nearPrefixTarget reads a URL whose prefix is a typo of one the Workers
// route (/agent/chat-agent/x where /agents/ is routed) and whose next
// segment is a namespace served under that prefix: the prefix is the one
// the client asks for, which nothing routes. Any other path under no
// routed prefix is the Worker's own business.
func (r *RoutingIndex) nearPrefixTarget(ref *ResolvedRef, workers []*project.Worker) (prefix, ns string, ok bool) {
	if ref.Kind != jscode.RefLiteralURL {
		return "", "", false
	}
	for _, w := range workers {
		if !r.workers[w].routes {
			continue
		}
		for _, served := range r.WorkerServed(w) {
			parts := strings.Split(served.Prefix, "/")
			if len(ref.Segs) < len(parts)+2 || !nearSegments(ref.Segs[:len(parts)], parts) {
				continue
			}
			asked := ref.Segs[len(parts)]
			if asked != "" && sdk.Loose(asked) == sdk.Loose(served.Namespace) {
				return strings.Join(ref.Segs[:len(parts)], "/"), asked, true
			}
		}
	}
	return "", "", false
}

// nearSegments: the path segments differ from the prefix's, each by a
// small edit (agent/agents, Agents/agents), and not by a word.
func nearSegments(segs, prefix []string) bool {
	differs := false
	for i, seg := range segs {
		if seg == prefix[i] {
			continue
		}
		if seg == "" || source.EditDistance(strings.ToLower(seg), prefix[i]) > 1+len(prefix[i])/8 {
			return false
		}
		differs = true
	}
	return differs
}

// requestPath is the path a reference requests, in segments: a URL's own;
// for an option-based client /prefix/namespace/<name>.
func requestPath(ref *ResolvedRef, prefix, ns string) []string {
	if ref.Kind == jscode.RefLiteralURL {
		return ref.Segs
	}
	return append(strings.Split(prefix, "/"), ns, "")
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Reachable returns the deployments a request from a file to host can
// reach: those whose routes (or workers.dev name) cover the host; else
// every environment of the Worker whose folder holds the file (the same
// front-end code ships with each), if it binds Durable Objects; else
// every deployment.
func (r *RoutingIndex) Reachable(host, file string) ([]project.Deployment, Reached) {
	if host != "" {
		if deps := r.byHost(host); len(deps) > 0 {
			return deps, ByHost
		}
	}
	if w := r.p.WorkerOf(file, func(w *project.Worker) bool { return len(r.deps[w]) > 0 }); w != nil {
		return r.deps[w], ByFolder
	}
	var deps []project.Deployment
	for _, w := range r.p.Workers {
		deps = append(deps, r.deps[w]...)
	}
	return deps, AnyWorker
}

// byHost lists the deployments whose routes or workers.dev name cover host.
func (r *RoutingIndex) byHost(host string) []project.Deployment {
	var out []project.Deployment
	for _, w := range r.p.Workers {
		for _, d := range r.deps[w] {
			if d.ServesHost(host) {
				out = append(out, d)
			}
		}
	}
	return out
}

// ServingElsewhere finds deployments of any Worker, other than those a
// reference reached, that serve prefix/ns exactly: where a client that
// misses could go.
func (r *RoutingIndex) ServingElsewhere(prefix, ns string, not []Reach) []Served {
	skip := map[*wrangler.Env]bool{}
	for _, rd := range not {
		skip[rd.Env] = true
	}
	var out []Served
	for _, s := range r.servedAt[prefix+"\x00"+ns] {
		if !skip[s.Env] {
			out = append(out, s)
		}
	}
	return out
}

// Nearest returns the served namespaces closest to ns, best first.
func Nearest(ns string, served []Served, limit int) []Served {
	type scored struct {
		s Served
		d int
	}
	var all []scored
	seen := map[string]bool{}
	for _, s := range served {
		key := s.Prefix + "/" + s.Namespace
		if seen[key] {
			continue
		}
		seen[key] = true
		d := source.EditDistance(sdk.Loose(ns), sdk.Loose(s.Namespace))*2 + source.EditDistance(ns, s.Namespace)
		all = append(all, scored{s, d})
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].d != all[j].d {
			return all[i].d < all[j].d
		}
		return all[i].s.Namespace < all[j].s.Namespace
	})
	var out []Served
	for i := 0; i < len(all) && i < limit; i++ {
		out = append(out, all[i].s)
	}
	return out
}

// AllPrefixes lists every routed prefix as /prefix/, sorted.
func (r *RoutingIndex) AllPrefixes() []string {
	set := map[string]bool{}
	for _, w := range r.p.Workers {
		for _, x := range r.workers[w].prefixes {
			set["/"+x+"/"] = true
		}
	}
	return source.SortedKeys(set)
}

// namespaceSpan finds "/prefix/ns" in a URL literal's source text and
// returns the span of ns; for other references, the literal itself.
func namespaceSpan(ref *ResolvedRef, prefix, ns string) source.Span {
	if ref.Kind != jscode.RefLiteralURL || ref.Span.File == nil {
		return ref.Span
	}
	text := ref.Span.Text()
	needle := "/" + prefix + "/" + ns
	for from := 0; ; {
		i := strings.Index(text[from:], needle)
		if i < 0 {
			return ref.Span
		}
		end := from + i + len(needle)
		if end == len(text) || strings.ContainsRune("/?#$`'\"", rune(text[end])) {
			start := ref.Span.Start + end - len(ns)
			return source.Span{File: ref.Span.File, Start: start, End: start + len(ns)}
		}
		from = end
	}
}
