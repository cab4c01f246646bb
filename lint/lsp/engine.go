package lsp

// The adapter between the server and the linter: the only file of this
// package that calls into the engine (project.Load, lint.Run, the routing
// analyses behind hover and definition). When the engine's API changes,
// this file changes and the server does not.

import (
	"bytes"
	"context"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// NewEngine returns the engine that lints with the given rules (all the
// rules known: lint/ does not import rules/, so the command passes them)
// and keeps scan facts in cache between lints (nil: no cache).
func NewEngine(rules []*lint.Rule, cache *jscode.Cache) Engine {
	return &engine{rules: rules, cache: cache}
}

type engine struct {
	rules []*lint.Rule
	cache *jscode.Cache
}

// Lint loads the roots with the buffers as an overlay and runs every rule.
// With the previous snapshot and the paths changed since (edits, and the
// editor's file-watching events), only those are read and parsed again;
// without them (the first lint) the whole workspace is read.
func (e *engine) Lint(ctx context.Context, req LintRequest) (*Snapshot, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	roots := req.Roots
	if len(roots) == 0 {
		roots = rootsOf(req.Overlay)
	}
	opts := project.LoadOptions{Paths: roots, WorkDir: roots[0], Overlay: edited(req.Overlay), Cache: e.cache, KeepState: true}
	if req.Previous != nil && req.Changed != nil {
		if q, ok := req.Previous.Queries.(*queries); ok {
			// only what changed is read and parsed again
			opts.Previous, opts.Changed = q.p, req.Changed
		}
	}
	p := project.Load(opts)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := lint.Run(p, e.rules, lint.DefaultOptions())
	m := p.Files.Masker()
	snap := &Snapshot{}
	for _, d := range out.Diagnostics {
		if d.Span.File == nil || !p.Files.IsFile(d.Span.File.Path) {
			snap.Notes = append(snap.Notes, noteOf(d, m))
			continue
		}
		snap.Findings = append(snap.Findings, findingOf(d, m))
	}
	q := &queries{p: p, mask: m}
	if e.computes(analyses.Refs, analyses.Routing) {
		q.refs, q.routing = analyses.RefsOf(out.Computed), analyses.RoutingOf(out.Computed)
	}
	snap.Queries = q
	return snap, nil
}

// edited keeps the buffers whose text differs from the file on disk: a
// buffer opened and not changed is the disk's file, and an empty overlay
// lets the engine reuse cached module graphs.
func edited(buffers map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	for path, text := range buffers {
		disk, err := source.ReadRegular(path, source.MaxFileSize)
		if err != nil || !bytes.Equal(disk, text) {
			out[path] = text
		}
	}
	return out
}

// rootsOf chooses what to lint when the editor names no folder: for
// each buffer, its repository (the folder holding .git), else the nearest
// Worker project above it, else its folder.
func rootsOf(buffers map[string][]byte) []string {
	fs := source.NewFileSet("", nil, nil)
	set := map[string]bool{}
	for path := range buffers {
		dir := filepath.Dir(path)
		root := fs.RepoRoot(dir)
		if root == "" {
			root = fs.NearestProject(path, "")
		}
		if root == "" {
			root = dir
		}
		set[root] = true
	}
	var out []string
	for _, r := range source.SortedKeys(set) {
		inside := false
		for _, o := range out {
			inside = inside || source.Within(o, r)
		}
		if !inside {
			out = append(out, r) // sorted: a folder comes before those inside it
		}
	}
	return out
}

// computes reports whether a run of the engine's rules computes every
// analysis given (some rule requires it, directly or not).
func (e *engine) computes(as ...*lint.Analysis) bool {
	seen := map[*lint.Analysis]bool{}
	var visit func([]*lint.Analysis)
	visit = func(list []*lint.Analysis) {
		for _, a := range list {
			if !seen[a] {
				seen[a] = true
				visit(a.Requires)
			}
		}
	}
	for _, r := range e.rules {
		visit(r.Requires)
	}
	for _, a := range as {
		if !seen[a] {
			return false
		}
	}
	return true
}

func noteOf(d lint.Diagnostic, m *source.Masker) string {
	where := ""
	if d.Span.File != nil && d.Span.File.Rel != "" {
		where = d.Span.File.Rel + ": "
	}
	return source.Escape(where + m.Mask(d.Message) + " [" + d.Rule + "]")
}

func findingOf(d lint.Diagnostic, m *source.Masker) Finding {
	f := Finding{Rule: d.Rule, Severity: Severity(d.Severity), Span: d.Span, Message: source.Escape(m.Mask(d.Message)),
		Key: d.Key, Suppressible: lint.EngineRule(d.Rule) == nil}
	for _, r := range d.Related {
		if r.Span.File != nil {
			f.Related = append(f.Related, Related{Span: r.Span, Note: source.Escape(m.Mask(r.Note))})
		}
	}
	for _, fx := range append([]*lint.Fix{d.Fix}, d.Alternatives...) {
		if fx == nil || fx.Empty() || fx.Applicability == lint.DisplayOnly {
			continue
		}
		safety := Safe
		if fx.Applicability == lint.Unsafe {
			safety = Unsafe
		}
		f.Fixes = append(f.Fixes, Fix{Title: source.Escape(m.Mask(fx.Description)), Safety: safety, Edits: fx.Edits, Renames: fx.Renames})
	}
	return f
}

// queries answers hover and definition from the project's routing model:
// which namespace each binding is served at, and where each client lands.
type queries struct {
	p       *project.Project
	mask    *source.Masker // hover text shows no secret, as no output does
	once    sync.Once
	refs    *analyses.RefSet
	routing *analyses.RoutingIndex
}

func (q *queries) File(path string) *source.File { return q.p.Files.Cached(path) }

// model computes the analyses when the run did not (a rule set that
// needs none of them).
func (q *queries) model() (*analyses.RefSet, *analyses.RoutingIndex) {
	q.once.Do(func() {
		if q.routing == nil {
			c := lint.Analyze(q.p, analyses.Refs, analyses.Routing)
			q.refs, q.routing = analyses.RefsOf(c), analyses.RoutingOf(c)
		}
	})
	return q.refs, q.routing
}

// bindingAt finds the Durable Object binding whose name or class_name
// value holds off in the config at path.
func (q *queries) bindingAt(path string, off int) (w *project.Worker, b *wrangler.DOBinding, onClass bool) {
	for _, w := range q.p.Workers {
		if w.Config.File.Path != path {
			continue
		}
		for _, e := range w.Config.Envs {
			for _, b := range e.DurableObjects() {
				switch {
				case holds(b.NameNode.Span, off):
					return w, b, false
				case b.ClassNode != nil && holds(b.ClassNode.Span, off):
					return w, b, true
				}
			}
		}
	}
	return nil, nil, false
}

// refAt finds the client reference whose literal holds off in the file.
func (q *queries) refAt(path string, off int) *analyses.ResolvedRef {
	refs, _ := q.model()
	for _, r := range refs.Refs {
		if r.Span.File != nil && r.Span.File.Path == path && holds(r.Span, off) {
			return r
		}
	}
	return nil
}

func holds(s source.Span, off int) bool { return s.File != nil && s.Start <= off && off <= s.End }

func (q *queries) Hover(path string, off int) (Hover, bool) {
	if w, b, onClass := q.bindingAt(path, off); b != nil && !onClass {
		return Hover{Span: b.NameNode.Span, Markdown: q.mask.Mask(q.bindingHover(w, b))}, true
	}
	if r := q.refAt(path, off); r != nil {
		return Hover{Span: r.Span, Markdown: q.mask.Mask(q.refHover(r))}, true
	}
	return Hover{}, false
}

func (q *queries) Definition(path string, off int) []source.Span {
	if w, b, _ := q.bindingAt(path, off); b != nil {
		return q.classDeclaration(w, b)
	}
	r := q.refAt(path, off)
	if r == nil {
		return nil
	}
	_, rt := q.model()
	t, ok := rt.Resolve(r)
	if !ok {
		return nil
	}
	served := t.Exact
	if len(served) == 0 {
		served = t.Loose // the binding it misses by letter case is the one meant
	}
	var out []source.Span
	seen := map[*wrangler.Node]bool{}
	for _, s := range served {
		if !seen[s.Binding.NameNode] {
			seen[s.Binding.NameNode] = true
			out = append(out, s.Binding.NameNode.Span)
		}
	}
	return out
}

// classDeclaration finds the class a binding's class_name names: in the
// module graph of the binding's environment (of the Worker script_name
// names, when set), else in any scanned file of that Worker's folder.
func (q *queries) classDeclaration(w *project.Worker, b *wrangler.DOBinding) []source.Span {
	env := b.Env
	if b.ScriptName != "" {
		d, ok := q.p.WorkerNamed(b.ScriptName)
		if !ok {
			return nil
		}
		w, env = d.Worker, d.Env
	}
	var facts []*jscode.SourceFacts
	if mod := w.Module(env); mod != nil {
		facts = q.p.GraphFacts(mod)
	}
	if len(facts) == 0 {
		for _, sf := range q.p.Sources {
			if source.Within(w.Config.Dir, sf.File.Path) {
				facts = append(facts, sf)
			}
		}
	}
	for _, sf := range facts {
		for _, c := range sf.Classes {
			if c.Name == b.ClassName && c.Span.Valid() {
				return []source.Span{c.Span}
			}
		}
	}
	return nil
}

// bindingHover: where the binding is served in each environment of its
// Worker that binds the same name, and the clients that reach it or miss
// it by letter case.
func (q *queries) bindingHover(w *project.Worker, b *wrangler.DOBinding) string {
	refs, rt := q.model()
	var sb strings.Builder
	sb.WriteString("**Durable Object binding " + code(b.Name) + "**")
	if b.ClassName != "" {
		sb.WriteString(" (class " + code(b.ClassName) + ")")
	}
	sb.WriteString("\n\nServed at, per environment:\n")
	deps := rt.Deployments(w)
	for _, d := range deps {
		var urls []string
		for _, s := range rt.Served(d) {
			if s.Binding.Name == b.Name {
				urls = append(urls, code(s.URL()+"..."))
			}
		}
		if len(urls) > 0 {
			sb.WriteString("- " + envName(d.Env) + " (Worker " + code(d.Env.WorkerName()) + "): " + strings.Join(urls, ", ") + "\n")
		}
	}
	reach, miss := map[*analyses.ResolvedRef][]string{}, map[*analyses.ResolvedRef]string{}
	var order []*analyses.ResolvedRef
	note := func(r *analyses.ResolvedRef) {
		if reach[r] == nil && miss[r] == "" {
			order = append(order, r)
		}
	}
	for _, r := range refs.Refs {
		t, ok := rt.Resolve(r)
		if !ok {
			continue
		}
		for _, rd := range t.Reached {
			for _, s := range rd.Exact {
				if s.Worker == w && s.Binding.Name == b.Name {
					note(r)
					reach[r] = append(reach[r], envName(rd.Env))
				}
			}
			for _, s := range rd.Loose {
				if s.Worker == w && s.Binding.Name == b.Name {
					note(r)
					miss[r] = "/" + t.Prefix + "/" + t.Namespace + "/..."
				}
			}
		}
	}
	var hits, misses []string
	for _, r := range order {
		if envs := reach[r]; envs != nil {
			hits = append(hits, "- "+source.Escape(r.Via)+" at "+where(r.Span)+" ("+strings.Join(dedupe(envs), ", ")+")")
		} else {
			misses = append(misses, "- "+source.Escape(r.Via)+" at "+where(r.Span)+" asks for "+code(miss[r])+", which differs only in letter case or `-`/`_`")
		}
	}
	if len(hits) == 0 {
		sb.WriteString("\nNo client found in the workspace reaches it.\n")
	} else {
		sb.WriteString("\nClients that reach it:\n" + strings.Join(hits, "\n") + "\n")
	}
	if len(misses) > 0 {
		sb.WriteString("\nClients that miss it:\n" + strings.Join(misses, "\n") + "\n")
	}
	return sb.String()
}

// refHover: what a client asks for and, per deployment it reaches, the
// binding that serves it or why none does.
func (q *queries) refHover(r *analyses.ResolvedRef) string {
	_, rt := q.model()
	var sb strings.Builder
	sb.WriteString("**" + source.Escape(r.Via) + "**")
	t, ok := rt.Resolve(r)
	if !ok {
		if len(t.Workers) == 0 && len(rt.AllPrefixes()) == 0 {
			sb.WriteString("\n\nNo Worker of the workspace binds a Durable Object, so nothing serves this client.\n")
		} else {
			sb.WriteString("\n\nNo Worker it can reach routes this path; the prefixes routed are " + codes(rt.AllPrefixes()) + ".\n")
		}
		return sb.String()
	}
	sb.WriteString(" asks for " + code("/"+t.Prefix+"/"+t.Namespace+"/...") + "\n\n")
	switch t.How {
	case analyses.ByHost:
		sb.WriteString("It reaches the deployments whose routes or workers.dev name cover its host " + code(r.Host) + ":\n")
	case analyses.ByFolder:
		sb.WriteString("It ships with the Worker whose folder holds it, so every environment of that Worker must serve it:\n")
	default:
		sb.WriteString("Nothing ties it to one Worker, so one that serves it is enough:\n")
	}
	for _, rd := range t.Reached {
		label := "Worker " + code(rd.Env.WorkerName()) + " (" + source.Escape(rd.Worker.Config.File.Rel) + ", " + envName(rd.Env) + ")"
		if len(rd.Exact) > 0 {
			s := rd.Exact[0]
			sb.WriteString("- " + label + ": served by binding " + code(s.Binding.Name) + " (class " + code(s.Binding.ClassName) + ") at " + where(s.Binding.NameNode.Span) + "\n")
			continue
		}
		sb.WriteString("- " + label + ": no binding serves " + code(t.Namespace) + " under " + code("/"+t.Prefix+"/"))
		if near := analyses.Nearest(t.Namespace, append(append([]analyses.Served(nil), rd.Loose...), rd.Candidates...), 1); len(near) > 0 {
			sb.WriteString("; the nearest is binding " + code(near[0].Binding.Name) + " at " + code(near[0].URL()+"...") + " (" + where(near[0].Binding.NameNode.Span) + ")")
		}
		sb.WriteString("\n")
	}
	return sb.String()
}

func envName(e *wrangler.Env) string {
	if e.IsTop() {
		return "the top level"
	}
	return "env " + code(e.Name)
}

// where is "file:line" (relative to the first workspace folder) as code,
// so that no character of a file name is read as Markdown.
func where(s source.Span) string { return code(s.Where()) }

func dedupe(list []string) []string {
	sort.Strings(list)
	out := list[:0]
	for i, s := range list {
		if i == 0 || s != list[i-1] {
			out = append(out, s)
		}
	}
	return out
}

func codes(list []string) string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = code(s)
	}
	return strings.Join(out, ", ")
}

// code renders text from files as Markdown inline code: escaped, and
// fenced with more backticks than it holds in a row.
func code(s string) string {
	s = source.Escape(s)
	fence, run := "`", 0
	for _, c := range s {
		if c == '`' {
			run++
			if run >= len(fence) {
				fence += "`"
			}
		} else {
			run = 0
		}
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}
