package lint

import (
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

// Served lists every namespace this Worker routes, per environment: every
// Durable Object binding (script_name ones too) under every prefix.
func (w *Worker) Served() []Served {
	var out []Served
	for _, e := range w.Config.Envs {
		era := w.Versions.ServerEra()
		for _, b := range e.DurableObjects() {
			for _, prefix := range w.Prefixes {
				out = append(out, Served{w, e, b, prefix, sdk.Namespace(b.Name, era)})
			}
		}
	}
	return out
}

// Target is where a client reference points: the prefix and namespace,
// and the Workers that can receive it.
type Target struct {
	Ref        *ResolvedRef
	Prefix     string
	Namespace  string
	Workers    []*Worker
	Exact      []Served // bindings that serve the namespace exactly
	Loose      []Served // bindings that differ only in case or separators
	Candidates []Served // every binding reachable under the prefix
	// NSSpan is the namespace text inside a URL literal when it is written
	// there plainly, else the whole literal.
	NSSpan source.Span
}

// Resolve works out which Workers and bindings a client reference can
// reach. ok is false when nothing can be judged: the reference's prefix
// is not one any reachable Worker routes.
func (p *Project) Resolve(ref *ResolvedRef) (Target, bool) {
	file := ""
	if ref.Span.File != nil {
		file = ref.Span.File.Path
	}
	t := Target{Ref: ref, Workers: p.Reachable(ref.Host, file)}
	var served []Served
	for _, w := range t.Workers {
		served = append(served, w.Served()...)
	}
	prefix, ns, ok := refTarget(ref, served)
	if !ok {
		return t, false
	}
	t.Prefix, t.Namespace = prefix, ns
	t.NSSpan = namespaceSpan(ref, prefix, ns)
	for _, s := range served {
		if s.Prefix != prefix {
			continue
		}
		t.Candidates = append(t.Candidates, s)
		switch {
		case s.Namespace == ns:
			t.Exact = append(t.Exact, s)
		case sdk.Loose(s.Namespace) == sdk.Loose(ns) && sdk.Loose(ns) != "":
			t.Loose = append(t.Loose, s)
		}
	}
	return t, len(t.Candidates) > 0
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
		if len(ref.Segs) < len(parts)+2 || !equalStrings(ref.Segs[:len(parts)], parts) {
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

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Reachable returns the Workers a request from a file to host can reach:
// those whose routes cover the host; else the Worker whose folder holds
// the file (if it binds any Durable Object); else every Worker.
func (p *Project) Reachable(host, file string) []*Worker {
	if host != "" {
		var byHost []*Worker
		for _, w := range p.Workers {
			if w.ServesHost(host) {
				byHost = append(byHost, w)
			}
		}
		if len(byHost) > 0 {
			return byHost
		}
	}
	var best []*Worker
	bestLen := -1
	for _, w := range p.Workers {
		if file == "" || !source.Within(w.Config.Dir, file) || !w.bindsDurableObjects() {
			continue
		}
		switch l := len(w.Config.Dir); {
		case l > bestLen:
			best, bestLen = []*Worker{w}, l
		case l == bestLen:
			best = append(best, w)
		}
	}
	if len(best) > 0 {
		return best
	}
	return p.Workers
}

func (w *Worker) bindsDurableObjects() bool {
	for _, e := range w.Config.Envs {
		if len(e.DurableObjects()) > 0 {
			return true
		}
	}
	return false
}

// ServesHost reports whether any environment's routes, or its workers.dev
// name, cover host.
func (w *Worker) ServesHost(host string) bool {
	host = strings.ToLower(host)
	for _, e := range w.Config.Envs {
		for _, pat := range e.RoutePatterns() {
			if wrangler.RouteCoversHost(pat, host) {
				return true
			}
		}
		if name := e.WorkerName(); name != "" && strings.HasSuffix(host, ".workers.dev") &&
			strings.HasPrefix(host, strings.ToLower(name)+".") {
			return true
		}
	}
	return false
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

// EnvTypeEntries finds `Name: ...` members in the Worker's generated
// worker-configuration.d.ts (wrangler types), so that a binding rename can
// follow there. The file is generated with one member per line, which is
// what this reads; nil when there is no such file.
func (w *Worker) EnvTypeEntries(name string) (*source.File, []source.Span) {
	f := w.TypesFile
	if f == nil {
		return nil, nil
	}
	var out []source.Span
	off := 0
	for _, line := range strings.SplitAfter(string(f.Data), "\n") {
		trimmed := strings.TrimLeft(line, " \t")
		start := off + len(line) - len(trimmed)
		for _, key := range []string{name, `"` + name + `"`} {
			if rest, ok := strings.CutPrefix(trimmed, key); ok && (strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "?:")) {
				out = append(out, source.Span{File: f, Start: start, End: start + len(key)})
			}
		}
		off += len(line)
	}
	return f, out
}
