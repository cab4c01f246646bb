package jscode

import (
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/wranglint/wranglint/lint/resolve"
	"github.com/wranglint/wranglint/lint/source"
)

// Module graphs from per-file facts. wrangler bundles each Worker's main
// with esbuild; the graph that bundle sees is a walk over each module's
// import records (from the scan), each resolved as the bundler resolves it
// (lint/resolve). No bundler runs, and nothing is cached that could go
// stale: the records are per file, and resolution is redone every run.
//
// The caller parses files, in parallel, as the walk discovers them (one
// Resolver for the run, shared by every goroutine):
//
//	r := resolve.New(files)
//	root := GraphEntry(r, req)                // Found: root.Path is parsed first
//	next := Next(ResolveImports(r, path, sf)) // per parsed module: the scripts to parse next
//	mod := BuildGraph(r, req, lookup)         // once every reachable script is parsed
//
// ScanGraphs is that worklist; LoadModules runs it with ScanSource. The
// resolver caches each resolution, so BuildGraph redoes none of them.

// Module is what the bundle of a Worker's main would see: its module graph
// and the names its entry module exports.
type Module struct {
	Main    string // absolute path
	Exists  bool
	Built   bool     // the graph is known (the bundle would succeed)
	Exports []string // names exported by the entry module
	Inputs  []string // absolute paths of the project modules in the graph
	// External holds the bare and node:/cloudflare: imports that the graph
	// leaves to the runtime or to packages, with one importing file each.
	External map[string]string
	// OpenExports are the packages main's `export *` chain re-exports
	// wholesale: main may export any name those packages export.
	OpenExports []string
	Problems    []BuildProblem
}

// BuildProblem is what stops the bundle, placed in the file it concerns.
type BuildProblem struct {
	Span    source.Span // may be invalid when there is no place
	Text    string
	Resolve bool // an import that could not be resolved
	// Target is where a relative import that could not be resolved points
	// (absolute), "" otherwise.
	Target string
	// Syntax: a script's syntax error, as its scan has it (the scan's
	// report of it is enough).
	Syntax bool
	// Limit: the graph is larger than wranglint analyses.
	Limit bool
	// NoLoader: an import of a file kind esbuild has no loader for (.mdx,
	// .vue): it stops wrangler's own bundle, not a bundler's with a plugin.
	NoLoader bool
}

// ExportsName reports whether the entry module exports name.
func (m *Module) ExportsName(name string) bool {
	i := sort.SearchStrings(m.Exports, name)
	return i < len(m.Exports) && m.Exports[i] == name
}

// ModuleRequest asks for the module graph of one Worker's main.
type ModuleRequest struct {
	Main       string // absolute
	ProjectDir string // the config's folder
}

// MaxGraphModules bounds a graph: a Worker importing more modules is not
// analysed (its Module says why) rather than slowing every run down.
const MaxGraphModules = 20000

// graphModuleLimit is MaxGraphModules, lowered by tests.
var graphModuleLimit = MaxGraphModules

// FactsFunc returns the scan of the script at path (a real path), or why
// it cannot be read (the error's text is shown after the file's name). A
// nil scan without an error is a script whose imports are unknown: a leaf
// of the graph. It is called from several goroutines at once.
type FactsFunc func(path string) (*SourceFacts, error)

// ResolvedImport is an import record with its resolution.
type ResolvedImport struct {
	ImportRecord
	resolve.Result
}

// ResolveImports resolves the import records of the module at path (its
// real path, from which relative specifiers count) scanned as sf.
func ResolveImports(r *resolve.Resolver, path string, sf *SourceFacts) []ResolvedImport {
	if sf == nil || sf.Syntax != nil {
		return nil
	}
	out := make([]ResolvedImport, len(sf.Imports))
	for i, rec := range sf.Imports {
		out[i] = ResolvedImport{ImportRecord: rec, Result: r.Resolve(path, rec.Spec, resolveKind(rec.Kind))}
	}
	return out
}

// Next lists the scripts resolved imports reach, whose facts the graph
// needs: the caller's worklist.
func Next(imps []ResolvedImport) []string {
	var out []string
	for _, imp := range imps {
		if imp.Status == resolve.Found && resolve.LoaderFor(imp.Path).IsCode() && !blockedAt(imp.Result) {
			out = append(out, imp.Path)
		}
	}
	return out
}

// GraphEntry resolves a main as the bundle's entry; when Found, its Path
// is the first file to parse.
func GraphEntry(r *resolve.Resolver, req ModuleRequest) resolve.Result {
	if !r.IsFile(req.Main) {
		return resolve.Result{Status: resolve.NotFound}
	}
	return r.Entry(req.Main, req.ProjectDir)
}

func resolveKind(k ImportKind) resolve.Kind {
	if k == ImportRequire {
		return resolve.KindRequire
	}
	return resolve.KindImport
}

// blockedAt: a resolver file above the import cannot be read, so the
// bundler's guard stops the import.
func blockedAt(res resolve.Result) bool {
	for _, p := range res.Problems {
		if p.AtImport {
			return true
		}
	}
	return false
}

// graphNode is a module of the graph: its file and the name the bundle
// gives it (the path, with a query suffix esbuild kept).
type graphNode struct {
	key, path string
	via       ImportRecord // the first import that reached it (invalid span for main)
	imports   []ResolvedImport
	facts     *SourceFacts
}

// BuildGraph assembles the module graph of req's main from the facts of
// its scripts, as wrangler's bundle would see it: the modules it reaches,
// the external imports, the names main exports, and what stops the bundle
// (unresolved imports, unreadable or unparsable modules, resolver files
// that are not regular files). Syntax errors of scripts are Problems too,
// at the scan's place (the project reports each once).
func BuildGraph(r *resolve.Resolver, req ModuleRequest, facts FactsFunc) *Module {
	m := &Module{Main: req.Main, External: map[string]string{}}
	files := r.Files()
	if !r.IsFile(req.Main) {
		return m
	}
	m.Exists = true
	b := &graphBuilder{r: r, req: req, facts: facts, files: files, m: m, seen: map[string]*graphNode{}, reported: map[string]bool{}}
	entry := r.Entry(req.Main, req.ProjectDir)
	b.resolverProblems(source.Span{}, entry.Problems)
	switch {
	case blockedAt(entry):
	case entry.Status != resolve.Found:
		b.problem(BuildProblem{Text: "Could not resolve " + strconv.Quote(req.Main), Resolve: true})
	default:
		b.walk(entry.Path)
	}
	if len(m.Problems) > 0 {
		// As a failed bundle: no graph, only what stops it.
		m.External = map[string]string{}
		sort.SliceStable(m.Problems, func(i, j int) bool { return problemLess(m.Problems[i], m.Problems[j]) })
		return m
	}
	m.Built = true
	for _, n := range b.order {
		m.Inputs = append(m.Inputs, n.key)
	}
	sort.Strings(m.Inputs)
	m.Exports, m.OpenExports = b.exports()
	return m
}

type graphBuilder struct {
	r        *resolve.Resolver
	req      ModuleRequest
	facts    FactsFunc
	files    *source.FileSet
	m        *Module
	seen     map[string]*graphNode
	order    []*graphNode // breadth first from main
	reported map[string]bool
}

func (b *graphBuilder) walk(root string) {
	main := &graphNode{key: root, path: root}
	b.seen[root] = main
	queue := []*graphNode{main}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		b.order = append(b.order, n)
		if len(b.order) > graphModuleLimit {
			b.problem(BuildProblem{Limit: true, Text: "the module graph of " + b.files.Rel(b.req.Main) + " has more than " +
				strconv.Itoa(graphModuleLimit) + " modules, more than wranglint analyses"})
			return
		}
		b.load(n)
		done := map[string]bool{} // the bundler reports a specifier once per file and kind of import
		for _, imp := range n.imports {
			dk := strconv.Itoa(int(resolveKind(imp.Kind))) + imp.Spec
			if imp.Kind == ImportDynamic {
				dk = "d" + dk
			}
			if done[dk] {
				continue
			}
			done[dk] = true
			if next := b.follow(n, imp); next != "" && b.seen[next] == nil {
				nn := &graphNode{key: next, path: imp.Path, via: imp.ImportRecord}
				b.seen[next] = nn
				queue = append(queue, nn)
			}
		}
	}
}

// load reads what the bundle reads of a module: a script's imports (from
// its facts), a JSON module's syntax; other assets are not read.
func (b *graphBuilder) load(n *graphNode) {
	rel := b.files.Rel(n.path)
	if b.r.IsSpecial(n.path) {
		b.problem(BuildProblem{Span: n.via.Span, Text: rel + ": " + source.ErrNotRegular.Error() + " (a FIFO, socket or device): wranglint does not read it"})
		return
	}
	switch l := resolve.LoaderFor(n.path); {
	case l.IsCode():
		sf, err := b.facts(n.path)
		switch {
		case err != nil:
			b.problem(BuildProblem{Span: n.via.Span, Text: rel + ": " + err.Error()})
		case sf == nil:
		case sf.Syntax != nil:
			b.problem(BuildProblem{Span: sf.Syntax.Span, Syntax: true, Text: strings.TrimPrefix(sf.Syntax.Msg, "cannot parse: ")})
		default:
			n.facts = sf
			n.imports = ResolveImports(b.r, n.path, sf)
		}
	case l == resolve.LoaderJSON:
		f, err := b.r.ReadFile(n.path)
		if err != nil {
			b.problem(BuildProblem{Span: n.via.Span, Text: rel + ": " + err.Error()})
		} else if e := resolve.CheckJSON(f.Data); e != nil {
			b.problem(BuildProblem{Span: clampSpan(f, e.Start, e.End), Text: e.Text})
		}
	case l == resolve.LoaderNone:
		b.problem(BuildProblem{Span: n.via.Span, NoLoader: true, Text: "No loader is configured for " + strconv.Quote(filepath.Ext(n.path)) +
			" files: " + projectRel(b.req.ProjectDir, n.path)})
	}
}

// follow handles one import of n: its problems, an external name, or the
// key of the module it reaches ("" when none).
func (b *graphBuilder) follow(n *graphNode, imp ResolvedImport) string {
	b.resolverProblems(imp.Span, imp.Problems)
	if blockedAt(imp.Result) {
		return ""
	}
	dir := filepath.Dir(n.path)
	relative := strings.HasPrefix(imp.Spec, "./") || strings.HasPrefix(imp.Spec, "../")
	if relative {
		if name := b.r.LetterCaseOnly(filepath.Join(dir, filepath.FromSlash(imp.Spec))); name != "" {
			b.problem(BuildProblem{Span: imp.Span, Resolve: true, Text: "Could not resolve " + strconv.Quote(imp.Spec) + caseNote(name)})
			return ""
		}
	}
	switch imp.Status {
	case resolve.Found:
		return imp.Path + imp.Suffix
	case resolve.External:
		if prev, ok := b.m.External[imp.External]; !ok || n.key < prev {
			b.m.External[imp.External] = n.key
		}
	case resolve.NotFound:
		p := BuildProblem{Span: imp.Span, Resolve: true, Text: "Could not resolve " + strconv.Quote(imp.Spec)}
		if relative {
			p.Target = filepath.Join(dir, filepath.FromSlash(imp.Spec))
		}
		b.problem(p)
	case resolve.WrongCase:
		// As wranglint always reported a file read in another letter case:
		// the import as written, and the name on disk when the specifier's
		// folder shows it.
		text := "Could not resolve " + strconv.Quote(imp.Spec)
		if imp.Span.Valid() {
			text = "Could not resolve " + imp.Span.Text()
		}
		if name := b.r.CaseHint(filepath.Join(dir, filepath.FromSlash(imp.Spec))); name != "" {
			text += caseNote(name)
		}
		b.problem(BuildProblem{Span: imp.Span, Resolve: true, Text: text})
	}
	return ""
}

func caseNote(name string) string {
	return " (the file is " + name + ": names differ only in letter case, which a case-sensitive file system such as Linux's, and so the deploy's build, does not forgive)"
}

// resolverProblems adds the problems of resolver files: at the import for
// files the guard refuses to read, else in the file.
func (b *graphBuilder) resolverProblems(at source.Span, ps []resolve.Problem) {
	for _, p := range ps {
		bp := BuildProblem{Text: p.Text}
		switch {
		case p.AtImport:
			bp.Span = at
		case p.Start >= 0:
			if f, err := b.r.ReadFile(p.Path); err == nil {
				bp.Span = clampSpan(f, p.Start, p.End)
			}
		}
		b.problem(bp)
	}
}

func (b *graphBuilder) problem(p BuildProblem) {
	key := p.Text
	if p.Span.Valid() {
		key = p.Span.File.Path + ":" + strconv.Itoa(p.Span.Start) + ":" + key
	}
	if !b.reported[key] {
		b.reported[key] = true
		b.m.Problems = append(b.m.Problems, p)
	}
}

func clampSpan(f *source.File, start, end int) source.Span {
	start = max(0, min(start, len(f.Data)))
	end = max(start, min(end, len(f.Data)))
	return source.Span{File: f, Start: start, End: end}
}

// projectRel names a path as esbuild's messages do: relative to the
// bundle's working folder, the config's.
func projectRel(dir, path string) string {
	if rel, err := filepath.Rel(dir, path); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(path)
}

func problemLess(a, b BuildProblem) bool {
	if a.Span.Valid() != b.Span.Valid() {
		return !a.Span.Valid()
	}
	if a.Span.Valid() && a.Span.File.Path != b.Span.File.Path {
		return a.Span.File.Path < b.Span.File.Path
	}
	if a.Span.Start != b.Span.Start {
		return a.Span.Start < b.Span.Start
	}
	return a.Text < b.Text
}

// exports are the names the bundle's entry exports (esbuild's metafile):
// main's own exports and re-exports, and every name but "default" of the
// modules its `export *` chains reach (in any number of steps, each module
// once: rings and lattices cost their size). Names that two chains export
// from different modules stay listed, as esbuild lists them. Chains that
// reach a package make the set open: those packages are returned.
func (b *graphBuilder) exports() (names, open []string) {
	set := map[string]bool{}
	openSet := map[string]bool{}
	main := b.order[0]
	visited := map[*graphNode]bool{main: true}
	stack := []*graphNode{main}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.facts == nil {
			continue
		}
		for _, name := range ownExports(n.facts) {
			if n == main || name != "default" {
				set[name] = true
			}
		}
		for _, imp := range n.imports {
			if imp.Kind != ImportStar {
				continue
			}
			switch imp.Status {
			case resolve.External:
				openSet[imp.External] = true
			case resolve.Found:
				if t := b.seen[imp.Path+imp.Suffix]; t != nil && !visited[t] {
					visited[t] = true
					stack = append(stack, t)
				}
			}
		}
	}
	return source.SortedKeys(set), source.SortedKeys(openSet)
}

// ownExports are the names a module exports itself: declarations,
// `export { x }` and `export { x } from` (not `export *`).
func ownExports(sf *SourceFacts) []string {
	out := make([]string, 0, len(sf.Exports)+len(sf.ReExports))
	for _, e := range sf.Exports {
		out = append(out, e.Name)
	}
	for _, r := range sf.ReExports {
		out = append(out, r.As)
	}
	return out
}
