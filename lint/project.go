// Package lint is wranglint's core: the project model built from the
// layers below it (source files, wrangler configs, JavaScript facts, SDK
// knowledge), the rule interface, diagnostics and the runner.
//
// One run: Load discovers configs and sources, parses every config, builds
// each environment's module graph, scans every file that can hold a fact,
// resolves client references and indexes classes; the Project is then
// frozen, and Run gives it to every rule (in parallel). Fixing (lint/fix)
// and output (lint/report) sit above this package; rules live in rules/.
package lint

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/settings"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// Worker is one wrangler config and what its code says.
type Worker struct {
	Config   *wrangler.Config
	Versions sdk.Versions // for the Worker's own folder
	// Prefixes are the URL prefixes the Worker routes to Durable Objects
	// (routeAgentRequest / routePartykitRequest), "agents" when none is found.
	Prefixes []string
	// Schema is the config schema of the wrangler installed for the
	// Worker, or the built-in one.
	Schema *wrangler.Schema
	// ShadowedBy is the config wrangler reads instead of this one in its
	// folder, "" when it reads this one.
	ShadowedBy string
	// TypeFiles declare `interface Env` for the Worker: the generated
	// worker-configuration.d.ts and any .ts or .d.ts file of the project.
	TypeFiles []*source.File
	// RoutingOnly: a Worker outside the linted folders, loaded because a
	// client there may talk to it; nothing about it is reported.
	RoutingOnly bool
	// TestHarness: the config is not deployed but runs tests (a vitest
	// config names it as wrangler.configPath, or it sits below a test
	// folder), so rules about deploys do not apply to it.
	TestHarness bool
	routing     routing // see indexRouting
	modules     map[string]*jscode.Module
	classes     map[string]map[string]jscode.ClassFact // per main: class name -> declaration
}

// ResolvedRef is a client reference with what it sends, given the SDK
// version installed for its file.
type ResolvedRef struct {
	*jscode.ClientRef
	Era       sdk.Era // the conversion the client applies
	Namespace string  // what the client sends (option-based clients; "" for URL literals)
}

// Project is everything wranglint loaded for one run. It is complete
// before any rule runs and never changes while they do.
type Project struct {
	Files    *source.FileSet
	Workers  []*Worker
	Sources  []*jscode.SourceFacts // every scanned JS/TS file, by path
	Refs     []*ResolvedRef
	Problems []Diagnostic // syntax errors found while loading
	Errors   []error      // paths that do not exist, unreadable files
	// Skipped are client calls whose target is known only at run time
	// (--verbose lists them).
	Skipped []jscode.Skip
	Options LoadOptions
	// Settings finds the .wranglint.jsonc in force for each file.
	Settings *settings.Finder
	byPath   map[string]*jscode.SourceFacts
	byDir    map[string][]*Worker // Workers by their config's folder
	ignored  map[string]bool      // git-ignored paths among those rules ask about
	called   map[string]bool      // exported wrappers some call fills (file, local name)
	resolver resolver
	servedAt map[string][]Served // prefix + namespace -> every binding that serves it
}

// LoadOptions says what to load.
type LoadOptions struct {
	Paths   []string
	WorkDir string
	// ConfigOnly reads configs alone: no module graph, no client scan. For
	// configs kept apart from their code (such as a corpus of configs).
	ConfigOnly bool
	// Overlay replaces the contents of files on disk (absolute paths); with
	// Removed, it also renames files for the fixer.
	Overlay map[string][]byte
	Removed map[string]bool
	// Settings: --config, --select, --ignore, --require-reason (run.go).
	Settings SettingsOptions
	// Stats, when set, collects counts and phase times (--stats).
	Stats *Stats
	// Cache, when set, keeps scan facts between runs (--no-cache unsets it).
	Cache *jscode.Cache
}

// Load discovers and models every Worker and source file below the paths.
func Load(opts LoadOptions) *Project {
	fs := source.NewFileSet(opts.WorkDir, opts.Overlay, opts.Removed)
	p := &Project{Files: fs, Options: opts, byPath: map[string]*jscode.SourceFacts{}, ignored: map[string]bool{}, byDir: map[string][]*Worker{}, called: map[string]bool{}, resolver: resolver{tsconfigs: map[string]*tsconfigPaths{}, modules: map[string]string{}}}
	versions := sdk.NewVersionFinder(fs)
	p.Settings = settings.NewFinder(fs, opts.Settings.ConfigFile)
	opts.Stats.Start()
	d := fs.Discover(opts.Paths)
	p.Errors = append(p.Errors, d.Problems...)
	opts.Stats.Mark("discover")
	for _, cfg := range d.Configs {
		p.loadConfig(cfg, versions, false)
	}
	for _, cfg := range d.RoutingConfigs {
		p.loadConfig(cfg, versions, true)
	}
	opts.Stats.Mark("configs")
	if !opts.ConfigOnly {
		p.loadModules()
		opts.Stats.Mark("module graphs")
		p.scanSources(d.Sources)
		p.reportBuildProblems()
		p.scanCallers(d.Sources)
		p.scanImported()
		opts.Stats.Mark("scan")
		p.resolveRefs(versions)
		p.markTestHarnesses()
		p.findTypeFiles(d.Sources)
		p.indexClasses()
		p.noteGenerated()
	}
	p.findPrefixes()
	p.indexRouting()
	opts.Stats.Mark("model")
	opts.Stats.countProject(len(p.Workers), len(d.Configs))
	return p
}

// maxConfigSize bounds a wrangler config: real ones are a few KB (the
// largest of ~550 public ones is under 20 KB); this keeps memory bounded.
const maxConfigSize = 4 << 20

// loadConfig models one config; a routing-only one (outside the linted
// folders) that cannot be read is left out silently.
func (p *Project) loadConfig(path string, versions *sdk.VersionFinder, routingOnly bool) {
	f, err := p.Files.ReadLimited(path, maxConfigSize)
	if err != nil && routingOnly {
		return
	}
	if err != nil {
		var tooLarge source.ErrTooLarge
		if errors.As(err, &tooLarge) {
			err = fmt.Errorf("too large for a wrangler config (over %d MiB; wranglint reads up to %d MiB)", tooLarge.Size>>20, maxConfigSize>>20)
		}
		p.Errors = append(p.Errors, fmt.Errorf("%s: %w", p.Files.Rel(path), err))
		return
	}
	var root *wrangler.Node
	if strings.HasSuffix(path, ".toml") {
		root, err = wrangler.ParseTOML(f)
	} else {
		root, err = wrangler.ParseJSONC(f)
	}
	wrangler.MarkSecrets(f, root) // output masks them, parsed or not
	var se *source.SyntaxError
	if errors.As(err, &se) {
		if !routingOnly {
			p.addSyntax(se)
		}
		return
	}
	c := wrangler.NewConfig(f, root)
	w := &Worker{Config: c, Versions: p.versionsFor(versions, c.Dir), modules: map[string]*jscode.Module{},
		classes: map[string]map[string]jscode.ClassFact{}, Schema: wrangler.SchemaFor(p.Files, c.Dir), ShadowedBy: c.ShadowedBy(p.Files)}
	w.TestHarness = inTestFolder(p.Files.Rel(path))
	w.RoutingOnly = routingOnly
	p.Workers = append(p.Workers, w)
	p.byDir[c.Dir] = append(p.byDir[c.Dir], w)
}

func (p *Project) addSyntax(se *source.SyntaxError) {
	p.Problems = append(p.Problems, Diagnostic{Rule: SyntaxErrorRule, Severity: SeverityError, Span: se.Span, Message: se.Msg})
}

// MainPath resolves an environment's main to an absolute path ("" if
// unset). An absolute main is a path as it stands.
func (w *Worker) MainPath(e *wrangler.Env) string {
	m, _ := e.Main()
	if m == "" {
		return ""
	}
	if filepath.IsAbs(m) {
		return filepath.Clean(m)
	}
	return filepath.Join(w.Config.Dir, filepath.FromSlash(m))
}

// Module returns the module graph of the environment's main, or nil.
func (w *Worker) Module(e *wrangler.Env) *jscode.Module { return w.modules[w.MainPath(e)] }

// loadModules bundles each distinct main once, in parallel.
func (p *Project) loadModules() {
	type job struct {
		w    *Worker
		main string
	}
	var jobs []job
	for _, w := range p.Workers {
		for _, e := range w.Config.Envs {
			if m := w.MainPath(e); m != "" {
				if _, seen := w.modules[m]; !seen {
					w.modules[m] = nil
					jobs = append(jobs, job{w, m})
				}
			}
		}
	}
	reqs := make([]jscode.ModuleRequest, len(jobs))
	for i, j := range jobs {
		reqs[i] = jscode.ModuleRequest{Main: j.main, ProjectDir: j.w.Config.Dir}
	}
	results, cached := p.Options.Cache.LoadModules(reqs, p.Files)
	p.Options.Stats.countModules(len(results), cached)
	for i, j := range jobs {
		j.w.modules[j.main] = results[i]
		for k := range results[i].Problems {
			p.classifyBuildProblem(&results[i].Problems[k])
		}
	}
}

// scanSources scans, in parallel, every script of every module graph (all
// the facts rules read about a Worker's code come from there) and every
// other discovered script that can hold a client reference or a routing
// call (the keyword filter skips only files that provably cannot).
func (p *Project) scanSources(discovered []string) {
	inGraph := map[string]bool{}
	for _, w := range p.Workers {
		for _, m := range w.modules {
			for _, in := range m.Inputs {
				if source.IsScript(in) {
					inGraph[in] = true
				}
			}
		}
	}
	paths := source.SortedKeys(inGraph)
	for _, d := range discovered {
		if !inGraph[d] {
			paths = append(paths, d)
		}
	}
	sort.Strings(paths)
	p.scanPaths(paths, func(path string) bool { return inGraph[path] })
}

// scanPaths scans files in parallel; always(path) says whether a file is
// scanned even when the keyword filter says it holds nothing.
func (p *Project) scanPaths(paths []string, always func(string) bool) {
	facts := make([]*jscode.SourceFacts, len(paths))
	errs := make([]error, len(paths))
	p.Options.Stats.countRead(len(paths))
	source.Parallel(len(paths), func(i int) {
		f, err := p.Files.Read(paths[i])
		if err != nil {
			var tooLarge source.ErrTooLarge
			if !errors.As(err, &tooLarge) {
				errs[i] = fmt.Errorf("%s: %w", p.Files.Rel(paths[i]), err)
			}
			return
		}
		if always(paths[i]) || jscode.NeedsScan(f.Data) {
			facts[i] = p.scan(f)
		}
	})
	for i, sf := range facts {
		if errs[i] != nil {
			p.Errors = append(p.Errors, errs[i])
		}
		if sf == nil {
			continue
		}
		p.Sources = append(p.Sources, sf)
		p.byPath[sf.File.Path] = sf
		if sf.Syntax != nil {
			p.addSyntax(sf.Syntax)
		}
	}
}

// resolveRefs computes what each client sends, with the conversion of the
// SDK version installed for its file.
func (p *Project) resolveRefs(versions *sdk.VersionFinder) {
	for _, sf := range p.Sources {
		if IsTestFile(sf.File.Path) {
			continue // tests build wrong URLs on purpose and compare URL strings
		}
		v := p.versionsFor(versions, filepath.Dir(sf.File.Path))
		indirect, skipped := p.indirectRefs(sf)
		indirect = append(indirect, p.declaredRefs(sf)...)
		p.Skipped = append(append(p.Skipped, sf.Skipped...), skipped...)
		for _, r := range append(append([]*jscode.ClientRef(nil), sf.Refs...), indirect...) {
			rr := &ResolvedRef{ClientRef: r}
			switch r.Kind {
			case jscode.RefAgentClient:
				rr.Era = conventionEra(r.Convention, v.ClientEra())
				rr.Namespace = sdk.Namespace(r.Value, rr.Era)
			case jscode.RefPartySocket:
				rr.Era, rr.Namespace = sdk.EraVerbatim, r.Value
			}
			p.Refs = append(p.Refs, rr)
		}
	}
	p.Skipped = append(p.Skipped, p.uncalledWrappers()...)
}

// noteGenerated records which mains and unresolved import targets are
// git-ignored (a build's output), so that rules can ask without reading.
func (p *Project) noteGenerated() {
	for _, w := range p.Workers {
		for main, m := range w.modules {
			p.ignored[main] = p.Files.GitIgnored(main)
			for _, bp := range m.Problems {
				if bp.Target != "" {
					p.ignored[bp.Target] = p.Files.GitIgnored(bp.Target)
				}
			}
		}
	}
}

// GitIgnored reports whether a Worker's main or an unresolved import
// target is ignored by git: generated by a build step.
func (p *Project) GitIgnored(path string) bool { return p.ignored[path] }

// findPrefixes learns which prefixes each Worker routes from the routing
// calls in its module graph (or, without a graph, below its folder).
func (p *Project) findPrefixes() {
	for _, w := range p.Workers {
		seen := map[string]bool{}
		for _, sf := range p.routingSources(w) {
			for _, rc := range sf.RouteCalls {
				prefix, ok := p.routePrefix(sf, rc)
				if !ok {
					continue
				}
				if !seen[prefix] {
					seen[prefix] = true
					w.Prefixes = append(w.Prefixes, prefix)
				}
			}
		}
		if len(w.Prefixes) == 0 {
			w.Prefixes = []string{"agents"}
		}
		sort.Strings(w.Prefixes)
	}
}

// routingSources are the scanned files whose routing calls are the
// Worker's: its module graphs, or without any, the files below its folder.
func (p *Project) routingSources(w *Worker) []*jscode.SourceFacts {
	var out []*jscode.SourceFacts
	inGraph := w.graphFiles()
	for _, path := range source.SortedKeys(inGraph) {
		if sf := p.byPath[path]; sf != nil {
			out = append(out, sf)
		}
	}
	if len(inGraph) > 0 {
		return out
	}
	for _, sf := range p.Sources {
		if source.Within(w.Config.Dir, sf.File.Path) {
			out = append(out, sf)
		}
	}
	return out
}

func (w *Worker) graphFiles() map[string]bool {
	out := map[string]bool{}
	for _, m := range w.modules {
		if m != nil {
			for _, in := range m.Inputs {
				out[in] = true
			}
		}
	}
	return out
}

// Facts returns the scan of the file at abs, or nil when it was not
// scanned (every script of every module graph is).
func (p *Project) Facts(abs string) *jscode.SourceFacts { return p.byPath[abs] }

// GraphFacts returns the scans of the scripts in a module graph, in path
// order.
func (p *Project) GraphFacts(m *jscode.Module) []*jscode.SourceFacts {
	var out []*jscode.SourceFacts
	for _, in := range m.Inputs {
		if sf := p.byPath[in]; sf != nil {
			out = append(out, sf)
		}
	}
	return out
}

// IsTestFile: *.test.*, *.spec.*, or a file below a __tests__ folder.
func IsTestFile(path string) bool {
	base := filepath.Base(path)
	if strings.Contains(base, ".test.") || strings.Contains(base, ".spec.") {
		return true
	}
	return strings.Contains(filepath.ToSlash(path), "/__tests__/")
}

// testWords name folders of tests and their fixtures, not deployed
// Workers: test, tests, e2e, __tests__, and names made of them such as
// e2e-tests or tests_e2e.
var testWords = map[string]bool{"test": true, "tests": true, "e2e": true, "__tests__": true, "fixtures": true}

// inTestFolder: a path (relative to the working folder) below a test folder.
func inTestFolder(rel string) bool {
	parts := strings.Split(rel, "/")
	for _, part := range parts[:len(parts)-1] {
		for _, word := range strings.FieldsFunc(part, func(r rune) bool { return r == '-' || r == '.' }) {
			if testWords[word] || testWords[strings.Trim(word, "_")] {
				return true
			}
		}
	}
	return false
}

// markTestHarnesses marks the configs a vitest config runs tests against
// (@cloudflare/vitest-pool-workers' wrangler.configPath).
func (p *Project) markTestHarnesses() {
	for _, sf := range p.Sources {
		if !strings.HasPrefix(filepath.Base(sf.File.Path), "vitest.") {
			continue
		}
		for _, cp := range sf.ConfigPaths {
			target := filepath.Join(filepath.Dir(sf.File.Path), filepath.FromSlash(cp))
			for _, w := range p.Workers {
				if w.Config.File.Path == target {
					w.TestHarness = true
				}
			}
		}
	}
}

// findTypeFiles finds, for each Worker, the files below its folder that
// declare `interface Env` (worker-configuration.d.ts and hand-written
// ones), which a binding rename must follow.
func (p *Project) findTypeFiles(discovered []string) {
	for _, path := range discovered {
		if !strings.HasSuffix(path, ".ts") {
			continue
		}
		owners := p.workersAbove(path)
		if len(owners) == 0 {
			continue
		}
		f, err := p.Files.Read(path)
		if err != nil || !bytes.Contains(f.Data, []byte("interface Env")) {
			continue
		}
		for _, w := range owners {
			w.TypeFiles = append(w.TypeFiles, f)
		}
	}
}

// routePrefix is the prefix a routing call serves: its prefix option (a
// literal, or a constant imported from a project module), else the
// function's default. ok is false when it cannot be known.
func (p *Project) routePrefix(sf *jscode.SourceFacts, rc *jscode.RouteCall) (string, bool) {
	switch {
	case !rc.HasPrefix:
		return sdk.DefaultPrefix(rc.Func), true
	case rc.PrefixValue == nil:
		return rc.Prefix, true
	}
	vs := jscode.FillValue(*rc.PrefixValue, p.importLookup(sf.File.Path, 0), jscode.PieceImport)
	if len(vs) != 1 || !vs[0].Known() {
		return "", false
	}
	return strings.Trim(vs[0].Text(), "/"), true
}

// classifyBuildProblem turns esbuild's failure to read an imported file
// (its resolver matches names case-insensitively, then the file is not
// there on a case-sensitive disk) into the unresolved import it is, with
// a hint when only the letter case differs.
func (p *Project) classifyBuildProblem(bp *jscode.BuildProblem) {
	if bp.Resolve || !strings.Contains(bp.Text, "no such file or directory") || !bp.Span.Valid() {
		return
	}
	bp.Resolve = true
	bp.Text = "Could not resolve " + bp.Span.Text()
	spec, err := strconv.Unquote(bp.Span.Text())
	if err != nil {
		return
	}
	target := filepath.Join(filepath.Dir(bp.Span.File.Path), filepath.FromSlash(spec))
	entries, err := os.ReadDir(filepath.Dir(target))
	if err != nil {
		return
	}
	base := strings.ToLower(filepath.Base(target))
	for _, e := range entries {
		name := e.Name()
		if stem := strings.TrimSuffix(name, filepath.Ext(name)); strings.ToLower(stem) == base || strings.ToLower(name) == base {
			bp.Text += " (the file is " + name + ": names differ only in letter case, which a case-sensitive file system such as Linux's, and so the deploy's build, does not forgive)"
			return
		}
	}
}

// reportBuildProblems reports what the bundler could not read or parse,
// except a script's syntax error that its own scan already reports (once,
// at the same place, whichever graphs import it).
func (p *Project) reportBuildProblems() {
	seen := map[string]bool{}
	for _, w := range p.Workers {
		for _, main := range source.SortedKeys(w.modules) {
			for _, bp := range w.modules[main].Problems {
				if bp.Resolve || !bp.Span.Valid() || seen[bp.Span.String()+bp.Text] {
					continue
				}
				seen[bp.Span.String()+bp.Text] = true
				if sf := p.byPath[bp.Span.File.Path]; sf != nil && sf.Syntax != nil {
					continue
				}
				p.addSyntax(&source.SyntaxError{Span: bp.Span, Msg: "cannot parse: " + bp.Text})
			}
		}
	}
}

// workersAbove lists the Workers whose folder holds path, walking up from
// the file's folder (a lookup per folder, not a pass over every Worker).
func (p *Project) workersAbove(path string) []*Worker {
	var out []*Worker
	source.WalkUp(filepath.Dir(path), func(dir string) bool {
		out = append(out, p.byDir[dir]...)
		return false
	})
	return out
}
