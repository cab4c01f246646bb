package lint

import (
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// Served is one URL namespace a Worker environment routes to a binding.
type Served struct {
	Worker    *Worker
	Env       *wrangler.Env
	Binding   *wrangler.DOBinding
	Prefix    string
	Namespace string
}

// URL renders /prefix/namespace/ for messages.
func (s Served) URL() string { return "/" + s.Prefix + "/" + s.Namespace + "/" }

// Deployment is one environment of one Worker: what `wrangler deploy
// --env <name>` deploys, with its own bindings and routes.
type Deployment struct {
	Worker *Worker
	Env    *wrangler.Env
}

// Label names the deployment in messages: `wrangler.jsonc` or
// `wrangler.jsonc env "production"`.
func (d Deployment) Label() string {
	if d.Env.IsTop() {
		return d.Worker.Config.File.Rel
	}
	return d.Worker.Config.File.Rel + " " + d.Env.Label()
}

// Served lists every namespace this deployment routes: every Durable
// Object binding (script_name ones too) under every prefix.
func (d Deployment) Served() []Served { return d.Worker.routing.served[d.Env] }

// Deployments lists the environments of the Worker that bind Durable
// Objects (one that binds none serves no agent; env-missing-binding
// reports a missing durable_objects).
func (w *Worker) Deployments() []Deployment { return w.routing.deps }

// routing is what the routing lookups of a Worker read, computed once
// when the model is complete (rules ask for it for every reference).
type routing struct {
	deps   []Deployment
	served map[*wrangler.Env][]Served
	routes map[*wrangler.Env][]string
	paths  map[string]bool // path segments written in the Worker's code
}

// indexRouting computes every Worker's deployments, what each serves and
// its route patterns, and the project's index of served namespaces.
func (p *Project) indexRouting() {
	p.servedAt = map[string][]Served{}
	for _, w := range p.Workers {
		w.routing = routing{served: map[*wrangler.Env][]Served{}, routes: map[*wrangler.Env][]string{}, paths: map[string]bool{}}
		for _, sf := range p.routingSources(w) {
			for _, seg := range sf.PathSegments {
				w.routing.paths[seg] = true
			}
		}
		era := w.Versions.ServerEra()
		for _, e := range w.Config.Envs {
			dos := e.DurableObjects()
			if len(dos) == 0 {
				continue
			}
			w.routing.deps = append(w.routing.deps, Deployment{w, e})
			w.routing.routes[e] = e.RoutePatterns()
			for _, b := range dos {
				for _, prefix := range w.Prefixes {
					s := Served{w, e, b, prefix, sdk.Namespace(b.Name, era)}
					w.routing.served[e] = append(w.routing.served[e], s)
					key := prefix + "\x00" + s.Namespace
					p.servedAt[key] = append(p.servedAt[key], s)
				}
			}
		}
	}
}

// Served lists every namespace this Worker routes, in every environment.
func (w *Worker) Served() []Served {
	var out []Served
	for _, d := range w.Deployments() {
		out = append(out, d.Served()...)
	}
	return out
}

// Target is where a client reference points: the prefix and namespace,
// and, per deployment it reaches, what serves it there.
type Target struct {
	Ref       *ResolvedRef
	Prefix    string
	Namespace string
	Workers   []*Worker
	// Reached are the deployments the reference reaches, each judged.
	Reached []Reach
	// Exact, Loose and Candidates gather those of every reached deployment.
	Exact      []Served // bindings that serve the namespace exactly
	Loose      []Served // bindings that differ only in case or separators
	Candidates []Served // every binding reachable under the prefix
	// NSSpan is the namespace text inside a URL literal when it is written
	// there plainly, else the whole literal.
	NSSpan source.Span
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
	Deployment
	Exact, Loose, Candidates []Served
}

// Resolve works out which deployments and bindings a client reference can
// reach. ok is false when nothing can be judged: the reference's prefix
// is not one any reachable Worker routes.
func (p *Project) Resolve(ref *ResolvedRef) (Target, bool) {
	file := ""
	if ref.Span.File != nil {
		file = ref.Span.File.Path
	}
	deps, how := p.Reachable(ref.Host, file)
	t := Target{Ref: ref, How: how}
	var served []Served
	for _, d := range deps {
		served = append(served, d.Served()...)
		if len(t.Workers) == 0 || t.Workers[len(t.Workers)-1] != d.Worker {
			t.Workers = append(t.Workers, d.Worker)
		}
	}
	prefix, ns, ok := refTarget(ref, served)
	if !ok {
		return t, false
	}
	t.Prefix, t.Namespace = prefix, ns
	t.NSSpan = namespaceSpan(ref, prefix, ns)
	for _, d := range deps {
		r := judge(d, prefix, ns)
		if len(r.Candidates) == 0 {
			continue // this deployment does not route the prefix
		}
		t.Reached = append(t.Reached, r)
		t.Exact = append(t.Exact, r.Exact...)
		t.Loose = append(t.Loose, r.Loose...)
		t.Candidates = append(t.Candidates, r.Candidates...)
	}
	return t, len(t.Reached) > 0
}

// judge finds what serves prefix/ns in one deployment.
func judge(d Deployment, prefix, ns string) Reach {
	r := Reach{Deployment: d}
	for _, s := range d.Served() {
		if s.Prefix != prefix {
			continue
		}
		r.Candidates = append(r.Candidates, s)
		switch {
		case s.Namespace == ns:
			r.Exact = append(r.Exact, s)
		case sdk.Loose(s.Namespace) == sdk.Loose(ns) && sdk.Loose(ns) != "":
			r.Loose = append(r.Loose, s)
		}
	}
	return r
}

// refTarget finds the prefix and namespace a reference asks for.
func refTarget(ref *ResolvedRef, served []Served) (prefix, ns string, ok bool) {
	switch ref.Kind {
	case jscode.RefAgentClient:
		return orDefault(ref.Prefix, "agents"), ref.Namespace, true
	case jscode.RefPartySocket:
		return orDefault(ref.Prefix, "parties"), ref.Namespace, true
	}
	prefixes := map[string]bool{}
	for _, s := range served {
		prefixes[s.Prefix] = true
	}
	// The longest routed prefix that the path starts with.
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
func (p *Project) Reachable(host, file string) ([]Deployment, Reached) {
	if host != "" {
		if deps := p.byHost(host); len(deps) > 0 {
			return deps, ByHost
		}
	}
	if w := p.workerOf(file); w != nil {
		return w.Deployments(), ByFolder
	}
	var deps []Deployment
	for _, w := range p.Workers {
		deps = append(deps, w.Deployments()...)
	}
	return deps, AnyWorker
}

// byHost lists the deployments whose routes or workers.dev name cover host.
func (p *Project) byHost(host string) []Deployment {
	var out []Deployment
	for _, w := range p.Workers {
		for _, d := range w.Deployments() {
			if d.ServesHost(host) {
				out = append(out, d)
			}
		}
	}
	return out
}

// workerOf returns the Worker with Durable Objects whose folder holds the
// file most closely (walking up from the file's folder), or nil.
func (p *Project) workerOf(file string) *Worker {
	if file == "" {
		return nil
	}
	for dir := filepath.Dir(file); ; dir = filepath.Dir(dir) {
		for _, w := range p.byDir[dir] {
			if len(w.Deployments()) > 0 {
				return w
			}
		}
		if parent := filepath.Dir(dir); parent == dir {
			return nil
		}
	}
}

// ServesHost reports whether the deployment's routes, or its workers.dev
// name (`<name>-<env>` for a named environment), cover host.
func (d Deployment) ServesHost(host string) bool {
	host = strings.ToLower(host)
	for _, pat := range d.Worker.routing.routes[d.Env] {
		if wrangler.RouteCoversHost(pat, host) {
			return true
		}
	}
	name := d.Env.WorkerName()
	return name != "" && strings.HasSuffix(host, ".workers.dev") && strings.HasPrefix(host, strings.ToLower(name)+".")
}

// Hosts names where a deployment can be reached, for advice: its route
// patterns, else its workers.dev name.
func (d Deployment) Hosts() []string {
	if pats := d.Env.RoutePatterns(); len(pats) > 0 {
		return pats
	}
	if name := d.Env.WorkerName(); name != "" {
		return []string{name + ".<subdomain>.workers.dev"}
	}
	return nil
}

// ServingElsewhere finds deployments of any Worker, other than those a
// reference reached, that serve prefix/ns exactly: where a client that
// misses could go.
func (p *Project) ServingElsewhere(prefix, ns string, not []Reach) []Served {
	skip := map[*wrangler.Env]bool{}
	for _, r := range not {
		skip[r.Env] = true
	}
	var out []Served
	for _, s := range p.servedAt[prefix+"\x00"+ns] {
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
func (p *Project) AllPrefixes() []string {
	set := map[string]bool{}
	for _, w := range p.Workers {
		for _, x := range w.Prefixes {
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

// EnvTypeEntries finds, in every declaration of `interface Env` of the
// Worker (the generated worker-configuration.d.ts and any .ts or .d.ts
// file of the project declaring one), the members named name, so that a
// binding rename can follow there. Type declarations are erased by the
// JavaScript parser, so the declaration is read as written: members one
// per line, as `wrangler types` and people write them.
func (w *Worker) EnvTypeEntries(name string) map[*source.File][]source.Span {
	out := map[*source.File][]source.Span{}
	for _, f := range w.TypeFiles {
		out[f] = append(out[f], envMembers(f, name)...)
	}
	return out
}

// envMembers reads the members of each `interface Env {` block of f.
func envMembers(f *source.File, name string) []source.Span {
	var out []source.Span
	data := string(f.Data)
	for from := 0; ; {
		i := strings.Index(data[from:], "interface Env")
		if i < 0 {
			return out
		}
		open := from + i + len("interface Env")
		rest := strings.TrimLeft(data[open:], " \t\r\n")
		if !strings.HasPrefix(rest, "{") && !strings.HasPrefix(rest, "extends") {
			from = open
			continue
		}
		brace := strings.IndexByte(data[open:], '{')
		if brace < 0 {
			return out
		}
		start := open + brace + 1
		out = append(out, membersIn(f, start, name)...)
		from = start
	}
}

// membersIn scans the lines of one interface body (from just after its
// brace to the matching one) for `name:` or `name?:` at depth one.
func membersIn(f *source.File, start int, name string) []source.Span {
	var out []source.Span
	depth := 1
	lineStart := true
	for i := start; i < len(f.Data) && depth > 0; i++ {
		c := f.Data[i]
		switch {
		case c == '{':
			depth++
		case c == '}':
			depth--
		case c == '\n':
			lineStart = true
			continue
		case c == ' ' || c == '\t' || c == '\r':
			continue
		case lineStart && depth == 1:
			if span, ok := memberAt(f, i, name); ok {
				out = append(out, span)
			}
		}
		lineStart = false
	}
	return out
}

func memberAt(f *source.File, i int, name string) (source.Span, bool) {
	for _, key := range []string{name, `"` + name + `"`, "'" + name + "'"} {
		rest := string(f.Data[i:min(len(f.Data), i+len(key)+2)])
		if after, ok := strings.CutPrefix(rest, key); ok && (strings.HasPrefix(after, ":") || strings.HasPrefix(after, "?:")) {
			return source.Span{File: f, Start: i, End: i + len(key)}, true
		}
	}
	return source.Span{}, false
}

// WorkerNamed finds the deployment a script_name names: the environment
// of a Worker of this project whose deployed name it is.
func (p *Project) WorkerNamed(name string) (Deployment, bool) {
	for _, w := range p.Workers {
		for _, e := range w.Config.Envs {
			if e.WorkerName() == name {
				return Deployment{w, e}, true
			}
		}
	}
	return Deployment{}, false
}

// RoutesPath reports whether the Worker's own code writes a route path
// with this segment ("/personal-agents/:id"): its router may serve such
// requests before routeAgentRequest sees them.
func (w *Worker) RoutesPath(segment string) bool { return w.routing.paths[segment] }
