package project

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"

	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// AssetsDir is what Load saw of one environment's assets.directory.
type AssetsDir struct {
	Path   string // absolute, resolved from the config's folder
	Exists bool   // a folder is there
	IsFile bool   // a file is there instead
	// Ignored: the folder is git-ignored, so a build writes it.
	Ignored bool
	// Packages are the package.json files from the folder up to the
	// repository's root, nearest first: the package a build writes it in.
	Packages []*Package
	// Nearby is, for a folder that does not exist, a folder of the same
	// name in a folder above (up to the repository's root), "" if none.
	Nearby string
}

// Package is a package.json at or above a Worker's config (up to the
// repository's root), with its scripts.
type Package struct {
	Path    string // absolute path of package.json
	Scripts map[string]string
	// Deps are the names in dependencies and devDependencies.
	Deps map[string]bool
}

// deployFacts are the files around a Worker that decide what its deploy
// uploads: assets folders, the packages' build scripts, the Vite plugin.
type deployFacts struct {
	assets map[string]AssetsDir // by absolute path
	// packages lists, per config folder, the package.json files from the
	// folder up to the repository's root, nearest first.
	packages map[string][]*Package
	// vitePlugin marks config folders whose vite config imports
	// @cloudflare/vite-plugin (which replaces assets.directory by its own
	// build output).
	vitePlugin map[string]bool
	// closure holds, per main, the project files its code runs beyond the
	// bundle's graph (see noteRuntimeClosure).
	closure map[string][]string
}

// noteDeployFacts records, for the contract rules, what each Worker's
// deploy reads from disk beside its config, and scans the scripts that
// name a workers.dev host when some Worker turns workers.dev off (a
// client in front-end code may call it).
func (p *Project) noteDeployFacts(discovered []string) {
	p.deploy = deployFacts{assets: map[string]AssetsDir{}, packages: map[string][]*Package{}, vitePlugin: map[string]bool{},
		closure: map[string][]string{}}
	p.noteRuntimeClosure()
	workersDevOff := false
	for _, w := range p.Workers {
		dir := w.Config.Dir
		if _, done := p.deploy.packages[dir]; !done {
			p.deploy.packages[dir] = p.packagesAbove(dir)
			p.deploy.vitePlugin[dir] = p.importsVitePlugin(dir)
		}
		for _, e := range w.Config.Envs {
			if d, ok := e.Get("assets").GetString("directory"); ok && d != "" {
				abs := w.ResolvePath(d)
				if _, seen := p.deploy.assets[abs]; !seen {
					p.deploy.assets[abs] = p.assetsDir(abs)
				}
			}
			if !WorkersDevEnabled(e) {
				workersDevOff = true
			}
		}
	}
	if workersDevOff {
		p.scanMentioning(discovered, []byte(".workers.dev"))
	}
}

func (p *Project) assetsDir(abs string) AssetsDir {
	a := AssetsDir{Path: abs, Exists: p.Files.IsDir(abs), IsFile: p.Files.IsFile(abs)}
	// a child path: a pattern for folders only ("dist/") matches the folder
	a.Ignored = p.Files.GitIgnored(filepath.Join(abs, "index.html"))
	a.Packages = p.packagesAbove(abs)
	if !a.Exists && !a.IsFile {
		root := p.Files.RepoRoot(filepath.Dir(abs))
		base := filepath.Base(abs)
		source.WalkUp(filepath.Dir(filepath.Dir(abs)), func(d string) bool {
			if cand := filepath.Join(d, base); p.Files.IsDir(cand) {
				a.Nearby = cand
				return true
			}
			return d == root
		})
		if a.Nearby == "" {
			a.Nearby = p.misspelledSibling(abs)
		}
	}
	return a
}

// misspelledSibling finds the one folder beside abs whose name is a near
// miss of abs's (pubilc for public): at most one edit for short names,
// two from eight letters on.
func (p *Project) misspelledSibling(abs string) string {
	base := strings.ToLower(filepath.Base(abs))
	limit := 1
	if len(base) >= 8 {
		limit = 2
	}
	entries, _ := p.Files.ReadDir(filepath.Dir(abs))
	found := ""
	for _, e := range entries {
		if e.File || strings.HasPrefix(e.Name, ".") {
			continue
		}
		if d := source.TypoDistance(base, strings.ToLower(e.Name)); d > 0 && d <= limit {
			if found != "" {
				return "" // two candidates: no advice
			}
			found = filepath.Join(filepath.Dir(abs), e.Name)
		}
	}
	return found
}

// packagesAbove reads the package.json files from dir up to the
// repository's root (or the file system's root outside a checkout).
func (p *Project) packagesAbove(dir string) []*Package {
	var out []*Package
	root := p.Files.RepoRoot(dir)
	source.WalkUp(dir, func(d string) bool {
		path := filepath.Join(d, "package.json")
		if f, err := p.Files.Read(path); err == nil {
			if pkg := p.packageOf(f); pkg != nil {
				out = append(out, pkg)
			}
		}
		return d == root
	})
	return out
}

// packageOf reads a package.json (once per file's bytes; nil when it is
// not JSON). The Package is shared between snapshots: nothing changes it.
func (p *Project) packageOf(f *source.File) *Package {
	if pkg, ok := p.memo.packages[f]; ok {
		return pkg
	}
	pkg, ok := p.prevMemo.packages[f]
	if !ok {
		var doc struct {
			Scripts map[string]any `json:"scripts"`
			Deps    map[string]any `json:"dependencies"`
			DevDeps map[string]any `json:"devDependencies"`
		}
		if json.Unmarshal(f.Data, &doc) == nil {
			pkg = newPackage(f.Path, doc.Scripts, doc.Deps, doc.DevDeps)
		}
	}
	p.memo.packages[f] = pkg
	return pkg
}

func newPackage(path string, scripts map[string]any, deps ...map[string]any) *Package {
	pkg := &Package{Path: path, Scripts: map[string]string{}, Deps: map[string]bool{}}
	for k, v := range scripts {
		if s, ok := v.(string); ok {
			pkg.Scripts[k] = s
		}
	}
	for _, d := range deps {
		for name := range d {
			pkg.Deps[name] = true
		}
	}
	return pkg
}

// viteConfigNames are the files Vite reads its config from.
var viteConfigNames = []string{"vite.config.ts", "vite.config.mts", "vite.config.js", "vite.config.mjs", "vite.config.cts", "vite.config.cjs"}

// importsVitePlugin: a vite config beside the Worker's config that uses
// @cloudflare/vite-plugin: its scan's import records when it was
// scanned; else a package from the folder up to the repository's root
// declaring the plugin as a dependency (monorepos hoist it to the root),
// or the config's text naming it. Parsing every vite config of a large
// monorepo would cost more than it tells, and a wrong "yes" only keeps
// the rules that depend on it silent.
func (p *Project) importsVitePlugin(dir string) bool {
	for _, name := range viteConfigNames {
		path := filepath.Join(dir, name)
		if !p.Files.IsFile(path) {
			continue
		}
		if sf := p.byPath[path]; sf != nil {
			for _, im := range sf.Imports {
				if isVitePluginModule(im.Spec) {
					return true
				}
			}
			return false
		}
		for _, pkg := range p.deploy.packages[dir] {
			for _, dep := range vitePluginPackages {
				if pkg.Deps[dep] {
					return true
				}
			}
		}
		if f, err := p.Files.Read(path); err == nil && mentionsVitePlugin(string(f.Data)) {
			return true
		}
	}
	return false
}

// vitePluginPackages are @cloudflare/vite-plugin and the packages whose
// Vite plugins wrap it (RedwoodSDK's redwood(), Alchemy's framework
// plugins), so that they too write the deploy config themselves;
// vitePluginModules are the modules a vite config imports them from.
var (
	vitePluginPackages = []string{"@cloudflare/vite-plugin", "rwsdk", "@redwoodjs/sdk"}
	vitePluginModules  = []string{"@cloudflare/vite-plugin", "rwsdk/vite", "@redwoodjs/sdk/vite"}
)

const alchemyVitePlugins = "alchemy/cloudflare/" // alchemy/cloudflare/redwood, .../react-router, ...

// isVitePluginModule: an import of a vite config that brings
// @cloudflare/vite-plugin, itself or wrapped.
func isVitePluginModule(spec string) bool {
	return slices.Contains(vitePluginModules, spec) || strings.HasPrefix(spec, alchemyVitePlugins)
}

// mentionsVitePlugin: a vite config's text names one of those modules.
func mentionsVitePlugin(text string) bool {
	return strings.Contains(text, alchemyVitePlugins) ||
		slices.ContainsFunc(vitePluginModules, func(m string) bool { return strings.Contains(text, m) })
}

// scanMentioning scans the discovered scripts not scanned yet whose text
// holds needle.
func (p *Project) scanMentioning(discovered []string, needle []byte) {
	var want []string
	for _, path := range discovered {
		if p.byPath[path] != nil {
			continue
		}
		if f, err := p.Files.Read(path); err == nil && strings.Contains(string(f.Data), string(needle)) {
			want = append(want, path)
		}
	}
	p.scanPathsAlways(want, always, never)
}

// AssetsDir returns what Load saw of the environment's assets.directory.
func (p *Project) AssetsDir(w *Worker, e *wrangler.Env) (AssetsDir, bool) {
	d, ok := e.Get("assets").GetString("directory")
	if !ok || d == "" {
		return AssetsDir{}, false
	}
	a, ok := p.deploy.assets[w.ResolvePath(d)]
	return a, ok
}

// DeployedAsPages: the package beside the config (the nearest
// package.json) runs wrangler only for Pages and resource commands
// (`wrangler pages publish`, `wrangler d1 migrations apply`), never
// `wrangler deploy`, `publish` or `dev`: the config is read for its
// bindings, and its main is not deployed.
func (p *Project) DeployedAsPages(w *Worker) bool {
	pkgs := p.deploy.packages[w.Config.Dir]
	if len(pkgs) == 0 {
		return false
	}
	subs := map[string]bool{}
	for _, script := range pkgs[0].Scripts {
		for _, f := range wranglerSubcommands(script) {
			subs[f] = true
		}
	}
	return subs["pages"] && !subs["deploy"] && !subs["publish"] && !subs["dev"] && !subs["versions"] && !subs[""]
}

// valueFlags are wrangler's global flags that take a separate value.
var valueFlags = map[string]bool{"--env": true, "-e": true, "--config": true, "-c": true, "--cwd": true, "--env-file": true}

// wranglerSubcommands lists the word after each `wrangler` of a shell
// command ("" when wrangler runs without one).
func wranglerSubcommands(script string) []string {
	words := strings.Fields(script)
	var out []string
	for i, w := range words {
		if w != "wrangler" && !strings.HasSuffix(w, "/wrangler") {
			continue
		}
		sub := ""
		for j := i + 1; j < len(words); j++ {
			if next := words[j]; !strings.HasPrefix(next, "-") {
				sub = strings.Trim(next, "'\";&|")
				break
			} else if valueFlags[next] {
				j++ // --env prod: the flag's value is no subcommand
			}
		}
		out = append(out, sub)
	}
	return out
}

// UsesVitePlugin: the Worker is built by @cloudflare/vite-plugin (its
// folder's vite config imports it), which writes its own deploy config.
func (p *Project) UsesVitePlugin(w *Worker) bool { return p.deploy.vitePlugin[w.Config.Dir] }

// WorkersDevEnabled says whether a deploy of the environment keeps its
// workers.dev URL on: `workers_dev`, or by default only when the
// environment has no routes (wrangler 3.0.0 to 4.164.0 alike; `routes`
// counts custom domains, and both keys are inherited).
func WorkersDevEnabled(e *wrangler.Env) bool {
	if n := e.Get("workers_dev"); n != nil && n.Kind == wrangler.KindBool {
		return n.Bool
	}
	return len(e.RoutePatterns()) == 0
}

// maxClosure bounds the project files followed beyond one graph.
const maxClosure = 5000

// noteRuntimeClosure follows, for each module graph, the imports the
// bundle leaves external but that resolve to files of the project (a
// workspace package linked in node_modules, a tsconfig alias), and what
// those import in turn: code the Worker runs that the graph does not list
// (wrangler bundles packages, the graph here stops at them). Each file
// reached is scanned once; files under node_modules stay out (packages
// installed from a registry are not the project's code).
func (p *Project) noteRuntimeClosure() {
	var walks []*closureWalk
	for _, w := range p.Workers {
		for _, main := range source.SortedKeys(w.modules) {
			m := w.modules[main]
			if m == nil || !m.Built || len(m.External) == 0 {
				continue
			}
			if _, done := p.deploy.closure[main]; done {
				continue
			}
			p.deploy.closure[main] = nil
			wk := &closureWalk{main: main, seen: map[string]bool{}}
			for _, in := range m.Inputs {
				wk.seen[in] = true
			}
			for _, spec := range source.SortedKeys(m.External) {
				wk.add(p, m.External[spec], spec)
			}
			walks = append(walks, wk)
		}
	}
	for round := 0; round < 32; round++ {
		var want []string
		wanted := map[string]bool{}
		for _, wk := range walks {
			for _, f := range wk.frontier {
				if p.byPath[f] == nil && !wanted[f] {
					wanted[f] = true
					want = append(want, f)
				}
			}
		}
		if len(want) > 0 {
			p.scanPathsAlways(want, always, never)
		}
		more := false
		for _, wk := range walks {
			frontier := wk.frontier
			wk.frontier = nil
			for _, f := range frontier {
				sf := p.byPath[f]
				if sf == nil {
					continue
				}
				for _, r := range sf.Imports {
					wk.add(p, f, r.Spec)
				}
			}
			more = more || len(wk.frontier) > 0
		}
		if !more {
			break
		}
	}
	for _, wk := range walks {
		p.deploy.closure[wk.main] = wk.extra
	}
}

// closureWalk follows one graph's imports beyond the bundle.
type closureWalk struct {
	main     string
	seen     map[string]bool
	frontier []string // reached, imports not yet followed
	extra    []string // every file reached beyond the graph
}

// add follows one specifier imported by from to a project file.
func (wk *closureWalk) add(p *Project, from, spec string) {
	if strings.HasPrefix(spec, "node:") || strings.HasPrefix(spec, "cloudflare:") || len(wk.extra) >= maxClosure {
		return
	}
	path := p.resolveModule(from, spec)
	if path == "" || wk.seen[path] || strings.Contains(filepath.ToSlash(path), "/node_modules/") || !source.IsScript(path) {
		return
	}
	wk.seen[path] = true
	wk.extra = append(wk.extra, path)
	wk.frontier = append(wk.frontier, path)
}

// RuntimeFacts returns the scans of the files a module graph runs: its
// own inputs, then the project files it reaches through imports the
// bundle leaves to packages (workspace packages, tsconfig aliases).
func (p *Project) RuntimeFacts(m *jscode.Module) []*jscode.SourceFacts {
	out := p.GraphFacts(m)
	for _, f := range p.deploy.closure[m.Main] {
		if sf := p.byPath[f]; sf != nil {
			out = append(out, sf)
		}
	}
	return out
}

// RuntimeFiles lists the files a module graph runs (see RuntimeFacts).
func (p *Project) RuntimeFiles(m *jscode.Module) []string {
	return append(append([]string(nil), m.Inputs...), p.deploy.closure[m.Main]...)
}
