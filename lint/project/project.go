// Package project is the project model: Load reads everything a run needs
// (configs, every script of every module graph and every file that can
// hold a client reference, settings, SDK versions, resolved imports) and
// returns a Project that no one changes afterwards. Rules and analyses
// read it; they never read the disk.
package project

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/resolve"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/settings"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// Worker is one wrangler config and what its code says.
type Worker struct {
	Config   *wrangler.Config
	Versions sdk.Versions // for the Worker's own folder
	// Wrangler is the wrangler the Worker deploys with: installed, else
	// locked, else the lowest its package.json allows (Found false: none).
	Wrangler sdk.PackageVersion
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
	// NamedByDeploy: a config by another name than wrangler.* that a
	// deploy script of its package names (-c FILE); such a config that
	// only `wrangler dev` uses is local, not a deployment.
	NamedByDeploy bool
	// Template: a config by a name that says it is rendered or copied
	// before use (wrangler.template.jsonc, wrangler.example.toml): its
	// paths resolve where it will be written, which is not known here, so
	// its main is not followed.
	Template bool
	// BindingsElsewhere is the program that declares the deployment's
	// bindings and migrations besides the config (an Alchemy
	// alchemy.run.ts in the config's folder or above it), "" when the config
	// is the whole of them: what the config lacks may be declared there.
	BindingsElsewhere string
	// Siblings: the other config names present in the config's folder
	// (wrangler.json, wrangler.jsonc, wrangler.toml), as Load saw them.
	Siblings map[string]bool
	// SecretNames are the names the project keeps as secrets (see
	// noteSecretNames), each with the file that says so.
	SecretNames map[string]string
	modules     map[string]*jscode.Module // by main
	// mainFolders: mains that name a folder, with the index module in it
	// ("" when none), so that rules can say so without reading the disk.
	mainFolders map[string]string
}

// Problem is a finding of the loader itself: a file that cannot be
// parsed, a path that cannot be read. The driver reports them.
type Problem struct {
	Rule    string // SyntaxError or IOError
	Span    source.Span
	Message string
}

// The loader's findings, reported whatever rules run.
const (
	SyntaxError = "syntax-error"
	IOError     = "io-error"
)

// Project is everything wranglint loaded for one run. It is complete when
// Load returns and never changes afterwards.
type Project struct {
	Files    *source.FileSet
	Workers  []*Worker
	Sources  []*jscode.SourceFacts // every scanned JS/TS file, by path
	Problems []Problem
	// Skipped are files whose clients cannot be checked (they do not
	// parse, outside any module graph); --verbose lists them.
	Skipped []jscode.Skip
	Options LoadOptions
	// Settings finds the .wranglint.jsonc in force for each file; every
	// folder holding a loaded file was looked up while loading.
	Settings *settings.Finder
	// NoConfig: no wrangler config was found below the given folders;
	// IgnoredConfigs are the git-ignored ones that were skipped.
	NoConfig       bool
	IgnoredConfigs []string
	byPath         map[string]*jscode.SourceFacts
	byDir          map[string][]*Worker // Workers by their config's folder
	byName         map[string][]Deployment
	ignored        map[string]bool      // git-ignored paths among those rules ask about
	imports        map[importKey]string // -> file ("" when none)
	// importsKept: imports came from the last snapshot, whose files
	// resolve the same way (no structural change)
	importsKept bool
	versions    map[string]sdk.Versions
	scope       pathScope
	enclosing   map[string]string // see source.Discovery.Enclosing
	// syntaxReported marks the scripts whose syntax errors are findings.
	syntaxReported map[string]bool
	inGraph        map[string]bool // scripts some module graph reaches
	mu             sync.Mutex      // the graphs' worklist scans in parallel
	resolver       *resolve.Resolver
	contracts      contractFacts // contracts_c.go
	deploy         deployFacts   // deploy.go
	// What an editor's next snapshot may reuse (see LoadOptions.Previous).
	discovery      *source.Discovery
	versionFinder  *sdk.VersionFinder
	configs        map[string]parsedConfig // by path
	prevFacts      map[string]*jscode.SourceFacts
	prevConfigs    map[string]parsedConfig
	reuse          reuse
	memo, prevMemo memo
}

// memo keeps per-file answers that depend only on a file's bytes (its
// *source.File or facts, which a next snapshot shares when the file did
// not change), so an editor's keystroke recomputes them for one file.
type memo struct {
	needed      map[*jscode.SourceFacts][]string // neededModules
	typeFile    map[*source.File]bool            // declares interface Env
	mentions    map[*source.File]bool            // mentions a wrapper or constant name
	mentionsKey string                           // the names mentions was asked about
	needsScan   map[*source.File]bool            // jscode.NeedsScan
	packages    map[*source.File]*Package        // a package.json read (nil: not JSON)
	puts        map[*source.File]map[string]string
}

func newMemo() memo {
	return memo{needed: map[*jscode.SourceFacts][]string{}, typeFile: map[*source.File]bool{}, mentions: map[*source.File]bool{},
		needsScan: map[*source.File]bool{}, packages: map[*source.File]*Package{}, puts: map[*source.File]map[string]string{}}
}

// neededOf is neededModules(sf), once per facts.
func (p *Project) neededOf(sf *jscode.SourceFacts) []string {
	if v, ok := p.memo.needed[sf]; ok {
		return v
	}
	v, ok := p.prevMemo.needed[sf]
	if !ok {
		v = neededModules(sf)
	}
	p.memo.needed[sf] = v
	return v
}

// parsedConfig is a config's tree, kept for the next snapshot: the same
// file (the same bytes) is not parsed again.
type parsedConfig struct {
	file *source.File
	root *wrangler.Node
}

// reuse is what a snapshot after a change of structure (files created or
// removed, a package.json or config edited) still takes from the last:
// the facts and trees of files whose bytes are the same.
type reuse struct {
	facts   map[string]*jscode.SourceFacts
	configs map[string]parsedConfig
}

// decisiveNames are files whose change can change what is discovered,
// how imports resolve, which versions or settings apply.
var decisiveNames = map[string]bool{"package.json": true, "tsconfig.json": true, "jsconfig.json": true, ".gitignore": true,
	".wranglint.jsonc": true, "package-lock.json": true, "pnpm-lock.yaml": true, "yarn.lock": true, "bun.lock": true,
	"bun.lockb": true, "pnpm-workspace.yaml": true}

// structural reports whether a change may change what is discovered or
// how imports resolve: a path created or removed, or a decisive file.
func structural(changed map[string]bool, prev, now *source.FileSet) bool {
	for p := range changed {
		base := filepath.Base(p)
		if decisiveNames[base] || source.IsConfigArg(base) || strings.HasPrefix(base, "tsconfig") || strings.HasPrefix(base, "vitest.") {
			return true
		}
		if !prev.HadFile(p) || !now.IsFileNow(p) {
			return true // created or removed
		}
	}
	return false
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
	// Settings is the settings file given on the command line (--config).
	SettingsFile string
	// Stats, when set, collects counts and phase times (--stats).
	Stats *Stats
	// Cache, when set, keeps scan facts between runs (--no-cache unsets it).
	Cache *jscode.Cache
	// Previous and Changed make an editor's next snapshot: what Previous
	// read and found is reused, except for the Changed paths (and any path
	// whose in-memory contents differ). Changed nil means anything may
	// have changed: everything is read again.
	Previous *Project
	Changed  []string
	// KeepState keeps what loading built (caches, the resolver) for a
	// next snapshot made from this one; without it they are dropped once
	// the project is loaded.
	KeepState bool
}

// Load discovers and models every Worker and source file below the paths.
func Load(opts LoadOptions) *Project {
	fs := source.NewFileSet(opts.WorkDir, opts.Overlay, opts.Removed)
	opts.Cache.Watch(fs) // the journal of what the run reads (lint/cache)
	prev := opts.Previous
	var changed map[string]bool
	if prev != nil && opts.Changed != nil && prev.Options.WorkDir == opts.WorkDir && slices.Equal(prev.Options.Paths, opts.Paths) {
		changed = fs.Inherit(prev.Files, opts.Changed)
		if structural(changed, prev.Files, fs) {
			prev = &Project{reuse: reuse{facts: prev.byPath, configs: prev.configs}, memo: prev.memo}
		}
	} else {
		prev = nil
	}
	p := &Project{Files: fs, Options: opts, byPath: map[string]*jscode.SourceFacts{}, ignored: map[string]bool{},
		byDir: map[string][]*Worker{}, byName: map[string][]Deployment{}, imports: map[importKey]string{},
		versions: map[string]sdk.Versions{}, syntaxReported: map[string]bool{}, inGraph: map[string]bool{}, configs: map[string]parsedConfig{}, memo: newMemo()}
	p.resolver = resolve.New(fs)
	versions := sdk.NewVersionFinder(fs)
	p.Settings = settings.NewFinder(fs, opts.SettingsFile)
	opts.Stats.Start()
	var d *source.Discovery
	if prev != nil && prev.discovery != nil {
		// nothing created, removed or decisive changed: the same files,
		// versions and resolutions
		d, versions = prev.discovery, prev.versionFinder.Rebind(fs)
		p.resolver = prev.resolver.Rebind(fs)
		if prev.Settings != nil && prev.Options.SettingsFile == opts.SettingsFile {
			p.Settings = prev.Settings.Rebind(fs, changed) // the same lookups find the same files
		}
		p.imports, p.importsKept = maps.Clone(prev.imports), true // the same files resolve the same way
	} else {
		d = fs.Discover(opts.Paths)
	}
	p.discovery, p.versionFinder = d, versions
	if prev != nil {
		p.prevMemo = prev.memo
		p.prevFacts, p.prevConfigs = prev.byPath, prev.configs
		if prev.discovery == nil {
			p.prevFacts, p.prevConfigs = prev.reuse.facts, prev.reuse.configs
		}
	}
	p.addErrors(d.Problems)
	p.enclosing = d.Enclosing
	opts.Stats.Mark("discover")
	for _, cfg := range d.Configs {
		p.loadConfig(cfg, versions, false)
	}
	for _, cfg := range d.Candidates {
		p.loadCandidate(cfg, versions)
	}
	for _, cfg := range d.RoutingConfigs {
		p.loadConfig(cfg, versions, true)
	}
	p.NoConfig = len(p.Workers) == 0
	p.IgnoredConfigs = d.IgnoredConfigs
	p.noteSecretNames()
	opts.Stats.Mark("configs")
	if !opts.ConfigOnly && len(p.Workers) > 0 { // no Worker: no code is anybody's to check
		p.loadModules()
		opts.Stats.Mark("module graphs")
		p.scanSources(append(d.Sources, p.vitestConfigsAbove(d.Sources)...))
		p.loadContracts(d.Sources, versions)
		p.reportBuildProblems()
		p.scanCallers(d.Sources)
		p.scanImported()
		p.scanEntrypointClasses(d.Sources)
		p.scanEntryModules()
		p.noteDeployFacts(d.Sources)
		opts.Stats.Mark("scan")
		p.resolveAllImports()
		p.markTestHarnesses()
		p.markNamedByDeploy()
		p.findTypeFiles(d.Sources)
		p.noteGenerated()
		p.noteVersions(versions)
	}
	p.indexNames()
	p.noteScope()
	p.lookUpSettings()
	opts.Stats.Mark("model")
	opts.Stats.countProject(len(p.Workers), len(d.Configs))
	p.prevFacts, p.prevConfigs, p.prevMemo = nil, nil, memo{} // nothing links back to the last snapshot
	if !opts.KeepState {
		p.release()
	}
	fs.Seal()
	return p
}

// release drops what only loading needed (the resolver's and the version
// finder's caches, the contents of lockfiles and package.json files), so
// the live heap while rules run and output is written holds the model
// alone. An editor's session keeps them (KeepState) for its next snapshot.
func (p *Project) release() {
	p.resolver, p.versionFinder, p.discovery = nil, nil, nil
	p.memo = memo{}
	keep := map[string]bool{}
	for _, w := range p.Workers {
		keep[w.Config.File.Path] = true
		for _, f := range w.TypeFiles {
			keep[f.Path] = true
		}
	}
	for _, sf := range p.Sources {
		keep[sf.File.Path] = true
	}
	for _, s := range p.Settings.Loaded() {
		if s.File != nil {
			keep[s.File.Path] = true
		}
	}
	p.Files.Forget(func(path string) bool { return keep[path] })
}

func (p *Project) addErrors(errs []error) {
	for _, err := range errs {
		p.Problems = append(p.Problems, ioProblem(p.Files, err))
	}
}

// ioProblem turns an error of the form "path: reason" into an io-error
// problem on that path (a bare reason when no path can be told).
func ioProblem(fs *source.FileSet, err error) Problem {
	msg := err.Error()
	if inner := errors.Unwrap(err); inner != nil && strings.HasSuffix(msg, ": "+inner.Error()) {
		return PathProblem(fs, strings.TrimSuffix(msg, ": "+inner.Error()), inner.Error())
	}
	return PathProblem(fs, "", msg)
}

// PathProblem is an io-error on a path as the user gave it (or as
// wranglint shows it), without a position.
func PathProblem(fs *source.FileSet, path, msg string) Problem {
	abs, rel := path, path
	if path != "" {
		if !filepath.IsAbs(path) {
			abs = filepath.Join(fs.WorkDir, path)
		}
		rel = fs.Rel(abs)
	}
	return Problem{Rule: IOError, Span: source.Span{File: source.NewFile(abs, rel, nil)}, Message: msg}
}

// loadCandidate loads a file named like a config kept under another name
// (wrangler.data.jsonc) when it reads as a Worker config: it parses, and
// its top level has a key only Worker configs have. Anything else
// (wrangler.schema.json, a fixture) is left alone, silently.
func (p *Project) loadCandidate(path string, versions *sdk.VersionFinder) {
	f, err := p.Files.ReadLimited(path, maxConfigSize)
	if err != nil {
		return
	}
	root, err := p.parseConfig(f)
	if err != nil || !wrangler.LooksLikeWorkerConfig(root) {
		return
	}
	p.addWorker(f, root, versions, false)
}

// parseConfig parses a config (once per content: an editor's next
// snapshot reuses the tree of a file that did not change) and marks its
// secrets, which output masks, parsed or not.
func (p *Project) parseConfig(f *source.File) (*wrangler.Node, error) {
	if pc, ok := p.prevConfigs[f.Path]; ok && pc.file == f {
		p.configs[f.Path] = pc
		return pc.root, nil
	}
	var root *wrangler.Node
	var err error
	if strings.HasSuffix(f.Path, ".toml") {
		root, err = wrangler.ParseTOML(f)
	} else {
		root, err = wrangler.ParseJSONC(f)
	}
	wrangler.MarkSecrets(f, root)
	if err == nil {
		p.configs[f.Path] = parsedConfig{f, root}
	}
	return root, err
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
		p.addErrors([]error{fmt.Errorf("%s: %w", p.Files.Rel(path), err)})
		return
	}
	root, err := p.parseConfig(f)
	var se *source.SyntaxError
	if errors.As(err, &se) {
		switch {
		case routingOnly:
		case hasTemplateTags(f.Data):
			// a project generator's template (cargo-generate's Liquid, a
			// Handlebars scaffold): not deployed as written
			p.Skipped = append(p.Skipped, jscode.Skip{Via: "config", Span: se.Span,
				Reason: "a config template with {{ }} or {% %} tags that does not parse until it is generated"})
		default:
			p.addSyntax(se)
		}
		return
	}
	p.addWorker(f, root, versions, routingOnly)
}

// hasTemplateTags: the text holds template tags, {{ x }} or {% x %}.
func hasTemplateTags(data []byte) bool {
	for _, pair := range [][2]string{{"{{", "}}"}, {"{%", "%}"}} {
		if i := bytes.Index(data, []byte(pair[0])); i >= 0 && bytes.Contains(data[i:], []byte(pair[1])) {
			return true
		}
	}
	return false
}

func (p *Project) addWorker(f *source.File, root *wrangler.Node, versions *sdk.VersionFinder, routingOnly bool) {
	c := wrangler.NewConfig(f, root)
	w := &Worker{Config: c, Versions: p.versionsFor(versions, c.Dir), Wrangler: versions.Package(c.Dir, "wrangler"), modules: map[string]*jscode.Module{},
		Schema: wrangler.SchemaFor(p.Files, c.Dir, p.Options.Cache.Store()), Siblings: map[string]bool{}}
	if source.IsConfigName(filepath.Base(f.Path)) {
		// a config by another name is passed with -c: nothing shadows it
		w.ShadowedBy = c.ShadowedBy(p.Files)
	}
	for _, name := range []string{"wrangler.json", "wrangler.jsonc", "wrangler.toml"} {
		w.Siblings[name] = p.Files.IsFile(filepath.Join(c.Dir, name))
	}
	w.TestHarness = inTestFolder(p.repoRel(f.Path)) || nameSays(f.Path, testWords)
	w.Template = nameSays(f.Path, templateWords)
	w.BindingsElsewhere = p.infrastructureProgram(c.Dir)
	w.RoutingOnly = routingOnly
	p.Workers = append(p.Workers, w)
	p.byDir[c.Dir] = append(p.byDir[c.Dir], w)
}

// infraPrograms are the files of tools that create a Worker's bindings,
// Durable Object namespaces and routes themselves (Alchemy).
var infraPrograms = []string{"alchemy.run.ts", "alchemy.run.mts", "alchemy.run.js", "alchemy.run.mjs"}

// infrastructureProgram finds such a file in dir or a folder above it, up
// to the repository's root.
func (p *Project) infrastructureProgram(dir string) string {
	found := ""
	root := p.Files.RepoRoot(dir)
	source.WalkUp(dir, func(d string) bool {
		for _, name := range infraPrograms {
			if path := filepath.Join(d, name); p.Files.IsFile(path) {
				found = path
				return true
			}
		}
		return d == root
	})
	return found
}

func (p *Project) addSyntax(se *source.SyntaxError) {
	p.Problems = append(p.Problems, Problem{Rule: SyntaxError, Span: se.Span, Message: se.Msg})
}

// WranglerVersion is Wrangler for the config layer.
func (w *Worker) WranglerVersion() wrangler.WranglerVersion {
	if !w.Wrangler.Found {
		return wrangler.WranglerVersion{}
	}
	v := w.Wrangler.Version
	return wrangler.WranglerVersion{Major: v.Major, Minor: v.Minor, Patch: v.Patch, Known: true}
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

// Modules lists the Worker's module graphs, one per distinct main, by path.
func (w *Worker) Modules() []*jscode.Module {
	var out []*jscode.Module
	for _, main := range source.SortedKeys(w.modules) {
		if m := w.modules[main]; m != nil {
			out = append(out, m)
		}
	}
	return out
}

// loadModules builds each distinct main's module graph, scanning every
// script the mains reach exactly once (in parallel, a wave of newly
// reached scripts at a time): the scan's facts give both what rules read
// and the imports the graph follows with the one resolver.
func (p *Project) loadModules() {
	type job struct {
		w    *Worker
		main string
	}
	var jobs []job
	for _, w := range p.Workers {
		if w.Template {
			continue
		}
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
	facts := jscode.ScanGraphs(p.resolver, reqs, p.graphFacts)
	results := make([]*jscode.Module, len(reqs))
	source.Parallel(len(reqs), func(i int) { results[i] = jscode.BuildGraph(p.resolver, reqs[i], facts) })
	p.Options.Stats.countModules(len(results))
	for i, j := range jobs {
		j.w.modules[j.main] = results[i]
		if !results[i].Exists && p.Files.IsDir(j.main) {
			if j.w.mainFolders == nil {
				j.w.mainFolders = map[string]string{}
			}
			j.w.mainFolders[j.main] = entryIn(p.Files, j.main)
		}
	}
}

// entryIn finds the entry module wrangler suggests when main names a
// folder: worker, dist/worker, index or dist/index, as .ts, .tsx, .js or
// .jsx ("" when there is none).
func entryIn(fs *source.FileSet, dir string) string {
	for _, base := range []string{"worker", "dist/worker", "index", "dist/index"} {
		for _, ext := range []string{".ts", ".tsx", ".js", ".jsx"} {
			if p := filepath.Join(dir, filepath.FromSlash(base+ext)); fs.IsFile(p) {
				return p
			}
		}
	}
	return ""
}

// MainFolder reports whether the environment's main names a folder, with
// the index module in it ("" when it has none).
func (w *Worker) MainFolder(e *wrangler.Env) (index string, ok bool) {
	index, ok = w.mainFolders[w.MainPath(e)]
	return index, ok
}

// graphFiles are the files of the Worker's module graphs.
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

// RoutingSources are the scanned files whose routing calls are the
// Worker's: its module graphs, or without any, the files below its folder.
func (p *Project) RoutingSources(w *Worker) []*jscode.SourceFacts {
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

// Rel shows an absolute path relative to the working folder.
func (p *Project) Rel(abs string) string { return p.Files.Rel(abs) }

// GitIgnored reports whether a Worker's main or an unresolved import
// target is ignored by git: generated by a build step.
func (p *Project) GitIgnored(path string) bool { return p.ignored[path] }

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

// templateWords name configs that are templates or examples, not deployed
// as they are.
var templateWords = map[string]bool{"template": true, "tmpl": true, "example": true, "sample": true}

// nameSays: a config kept under another name whose middle part is one of
// the words (wrangler.test.jsonc, wrangler.e2e.toml, wrangler.template.jsonc).
func nameSays(path string, words map[string]bool) bool {
	base := filepath.Base(path)
	if !source.IsOtherConfigName(base) {
		return false
	}
	middle := strings.TrimSuffix(strings.TrimPrefix(base, "wrangler."), filepath.Ext(base))
	for _, word := range strings.FieldsFunc(middle, func(r rune) bool { return r == '-' || r == '_' }) {
		if words[strings.ToLower(word)] {
			return true
		}
	}
	return false
}

// inTestFolder: a path (relative to its repository) below a test folder.
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

// repoRel shows a path relative to its repository's root (the working
// folder outside a repository), so that what a path says about tests does
// not depend on where the run starts.
func (p *Project) repoRel(path string) string {
	root := p.Files.RepoRoot(filepath.Dir(path))
	if root == "" {
		return p.Files.Rel(path)
	}
	rel, err := filepath.Rel(root, path)
	if err != nil {
		return p.Files.Rel(path)
	}
	return filepath.ToSlash(rel)
}

// vitestConfigsAbove finds the vitest configs in the folders above each
// Worker up to its repository's root, beyond the linted folders: a run
// inside a test folder must still see the config that makes its
// wrangler.jsonc a test harness.
func (p *Project) vitestConfigsAbove(discovered []string) []string {
	known := map[string]bool{}
	for _, d := range discovered {
		known[d] = true
	}
	var out []string
	seenDir := map[string]bool{}
	for _, w := range p.Workers {
		root := p.Files.RepoRoot(w.Config.Dir)
		source.WalkUp(w.Config.Dir, func(dir string) bool {
			if seenDir[dir] {
				return true
			}
			seenDir[dir] = true
			entries, _ := p.Files.ReadDir(dir)
			for _, e := range entries {
				if path := filepath.Join(dir, e.Name); e.File && strings.HasPrefix(e.Name, "vitest.") && source.IsScript(e.Name) && !known[path] {
					known[path] = true
					out = append(out, path)
				}
			}
			return root == "" || dir == root
		})
	}
	sort.Strings(out)
	return out
}

// markNamedByDeploy marks the configs by other names than wrangler.*
// that a deploy script of their package names.
func (p *Project) markNamedByDeploy() {
	for _, w := range p.Workers {
		w.NamedByDeploy = !source.IsConfigName(filepath.Base(w.Config.File.Path)) && p.deployedByScript(w)
	}
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
				if w.Config.File.Path == target && !p.deployedByScript(w) {
					w.TestHarness = true
				}
			}
		}
	}
}

// deployedByScript: a script of the Worker's package deploys this config
// (`wrangler deploy` in its folder, or -c naming it), or there is no
// package.json to say and no config above it (a config beside its code
// alone is the Worker's).
// vitest-pool-workers' docs point configPath at the Worker's own
// wrangler.jsonc, so being named by a vitest config does not make a config
// test-only; a library package's config that nothing deploys is.
func (p *Project) deployedByScript(w *Worker) bool {
	var pkgDir string
	var data []byte
	root := p.Files.RepoRoot(w.Config.Dir)
	source.WalkUp(w.Config.Dir, func(d string) bool {
		if f, err := p.Files.Read(filepath.Join(d, "package.json")); err == nil {
			pkgDir, data = d, f.Data
			return true
		}
		return d == root
	})
	if data == nil {
		// no package to say otherwise: the Worker's own config, unless a
		// config above it is (then this one is the tests' beside it)
		above := false
		if parent := filepath.Dir(w.Config.Dir); parent != w.Config.Dir {
			source.WalkUp(parent, func(d string) bool {
				for _, name := range source.ConfigNames {
					above = above || p.Files.IsFile(filepath.Join(d, name))
				}
				return above || d == root
			})
		}
		return !above
	}
	implicit, named := source.DeployedConfigs(pkgDir, data)
	own := pkgDir == w.Config.Dir && source.IsConfigName(filepath.Base(w.Config.File.Path))
	if own && (implicit || !isLibraryPackage(data)) {
		// an app's own config, deployed by its script or by the
		// monorepo's tooling (Nx, CI) that no script of its package names
		return true
	}
	return slices.Contains(named, w.Config.File.Path)
}

// isLibraryPackage: the package.json publishes code for others to import
// (exports, types, bin, or a main built into dist/), so a wrangler config
// beside it is its tests' (cloudflare/agents' packages/codemode), not a
// Worker's. A Worker's package may name its source as main.
func isLibraryPackage(data []byte) bool {
	var pkg map[string]json.RawMessage
	if json.Unmarshal(data, &pkg) != nil {
		return false
	}
	for _, key := range []string{"exports", "types", "typings", "bin"} {
		if _, ok := pkg[key]; ok {
			return true
		}
	}
	for _, key := range []string{"main", "module"} {
		var path string
		if json.Unmarshal(pkg[key], &path) == nil && builtOutput(path) {
			return true
		}
	}
	return false
}

// builtOutput: a package entry inside a build folder.
func builtOutput(path string) bool {
	first, _, _ := strings.Cut(strings.TrimPrefix(path, "./"), "/")
	return first == "dist" || first == "build" || first == "lib" || first == "out"
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
		if err != nil || !p.declaresEnv(f) {
			continue
		}
		for _, w := range owners {
			w.TypeFiles = append(w.TypeFiles, f)
		}
	}
}

// declaresEnv: the file mentions `interface Env` (once per file's bytes).
func (p *Project) declaresEnv(f *source.File) bool {
	v, ok := p.prevMemo.typeFile[f]
	if !ok {
		v = bytes.Contains(f.Data, []byte("interface Env"))
	}
	p.memo.typeFile[f] = v
	return v
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

// WorkerOf returns the Worker whose folder holds the file most closely
// among those keep accepts (walking up from the file's folder), or nil.
func (p *Project) WorkerOf(file string, keep func(*Worker) bool) *Worker {
	if file == "" {
		return nil
	}
	var found *Worker
	source.WalkUp(filepath.Dir(file), func(dir string) bool {
		for _, w := range p.byDir[dir] {
			if keep(w) {
				found = w
				return true
			}
		}
		return false
	})
	return found
}

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

// ServesHost reports whether the deployment's routes, or its workers.dev
// name (`<name>-<env>` for a named environment), cover host.
func (d Deployment) ServesHost(host string) bool {
	host = strings.ToLower(host)
	for _, pat := range d.Env.RoutePatterns() {
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

// indexNames indexes every deployment by its deployed name.
func (p *Project) indexNames() {
	for _, w := range p.Workers {
		for _, e := range w.Config.Envs {
			if name := e.WorkerName(); name != "" {
				p.byName[name] = append(p.byName[name], Deployment{w, e})
			}
		}
	}
}

// WorkerNamed finds the deployment a script_name names: the environment
// of a Worker of this project whose deployed name it is. When configs of
// several Workers claim the name (fixtures and examples of a big
// repository), which one deploys is not known: none is returned, unless
// they all deploy the same main and one of them is the config wrangler
// reads by default (wrangler.toml beside a bootstrap wrangler.init.toml).
func (p *Project) WorkerNamed(name string) (Deployment, bool) {
	return OneDeployed(p.byName[name])
}

// DeploymentsNamed lists every deployment whose deployed name is name.
func (p *Project) DeploymentsNamed(name string) []Deployment {
	return append([]Deployment(nil), p.byName[name]...)
}

// OneDeployed picks the deployment a name reaches among those that claim
// it: the only Worker's, else the default config's among configs of one
// main (see defaultOfSameMain); false when which one deploys is not known.
func OneDeployed(ds []Deployment) (Deployment, bool) {
	if len(ds) == 0 {
		return Deployment{}, false
	}
	for _, d := range ds[1:] {
		if d.Worker != ds[0].Worker {
			return defaultOfSameMain(ds)
		}
	}
	return ds[0], true
}

// defaultOfSameMain picks, among deployments of several configs that share
// one deployed name, the one of the config wrangler reads by default, when
// every one of them deploys the same main (so the code, which is what the
// callers judge, is the same whichever is deployed).
func defaultOfSameMain(ds []Deployment) (Deployment, bool) {
	var chosen *Deployment
	main := ""
	for i, d := range ds {
		m := d.Worker.MainPath(d.Env)
		if m == "" || (main != "" && m != main) {
			return Deployment{}, false
		}
		main = m
		if !isDefaultConfig(d.Worker) {
			continue
		}
		if chosen != nil && chosen.Worker != d.Worker {
			return Deployment{}, false
		}
		if chosen == nil {
			chosen = &ds[i]
		}
	}
	if chosen == nil {
		return Deployment{}, false
	}
	return *chosen, true
}

// isDefaultConfig: wrangler reads this config when run in its folder with
// no --config.
func isDefaultConfig(w *Worker) bool {
	if w.ShadowedBy != "" || w.TestHarness || w.Template {
		return false
	}
	base := filepath.Base(w.Config.File.Path)
	for _, n := range source.ConfigNames {
		if base == n {
			return true
		}
	}
	return false
}

// RoutingOnly: Workers outside the linted folders were loaded for routing.
func (p *Project) RoutingOnly() bool {
	for _, w := range p.Workers {
		if w.RoutingOnly {
			return true
		}
	}
	return false
}

// lookUpSettings finds the settings of every folder holding a loaded
// file, so that nothing after Load reads a settings file.
func (p *Project) lookUpSettings() {
	dirs := map[string]bool{p.Files.WorkDir: true}
	for _, w := range p.Workers {
		dirs[w.Config.Dir] = true
		for _, f := range w.TypeFiles {
			dirs[filepath.Dir(f.Path)] = true
		}
	}
	for _, sf := range p.Sources {
		dirs[filepath.Dir(sf.File.Path)] = true
	}
	for _, pr := range p.Problems {
		if pr.Span.File != nil && pr.Span.File.Path != "" {
			dirs[filepath.Dir(pr.Span.File.Path)] = true
		}
	}
	keys := source.SortedKeys(dirs)
	sort.Strings(keys)
	for _, d := range keys {
		p.Settings.For(d)
	}
}
