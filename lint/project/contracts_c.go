package project

import (
	"path/filepath"
	"sort"
	"strings"

	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/source"
)

// What the rules of issue 15's contracts 8 (containers) and 9 (Pages)
// need from disk, read once by Load (loadContracts): what each container
// image path names, the versions of the packages those rules depend on,
// and the code of each Pages project (its functions/ or _worker.js, with
// their module graphs, every script of which is scanned).

// PathKind is what a path names on disk.
type PathKind int

const (
	PathUnknown PathKind = iota // Load did not look the path up
	PathMissing
	PathFile
	PathDir
)

// contractPackages are the packages whose installed version Load records
// for every Worker that configures containers.
var contractPackages = []string{"@cloudflare/containers", "wrangler"}

type contractFacts struct {
	paths    map[string]PathKind
	packages map[string]sdk.PackageVersion // config folder + "\x00" + package
	pages    map[*Worker]*PagesCode
}

// PagesCode is the code a Pages project deploys.
type PagesCode struct {
	// FunctionsDir is the config's folder's functions/ (wrangler pages
	// reads it from the folder it runs in, the project's root);
	// Functions are its scripts, the routes, in path order.
	FunctionsDir string
	Functions    []string
	// WorkerJS is the advanced-mode `_worker.js` (a file, or a folder's
	// index.js) in pages_build_output_dir, "" when there is none. When it
	// exists Pages ignores functions/.
	WorkerJS string
	// Modules are the module graphs of the entries Pages deploys: every
	// function, or _worker.js.
	Modules []*jscode.Module
	// Files are the scripts of those graphs (an entry whose graph could
	// not be built counts alone), in path order.
	Files []string
}

// Entries are the scripts Pages builds: _worker.js, else the functions.
func (pc *PagesCode) Entries() []string {
	if pc.WorkerJS != "" {
		return []string{pc.WorkerJS}
	}
	return pc.Functions
}

// loadContracts records the facts above; the Pages projects' scripts
// are scanned here, before the passes that follow scanned files'
// imports, so those reach the modules the functions use.
func (p *Project) loadContracts(discovered []string, versions *sdk.VersionFinder) {
	p.contracts = contractFacts{paths: map[string]PathKind{}, packages: map[string]sdk.PackageVersion{}, pages: map[*Worker]*PagesCode{}}
	for _, w := range p.Workers {
		if !w.RoutingOnly {
			p.noteContainerImages(w, versions)
		}
	}
	p.loadPagesCode(discovered)
}

// noteContainerImages looks up every containers[].image and
// image_build_context of every environment, as wrangler resolves them:
// against the config's folder.
func (p *Project) noteContainerImages(w *Worker, versions *sdk.VersionFinder) {
	has := false
	for _, e := range w.Config.Envs {
		for _, c := range e.Own("containers").Objects() {
			has = true
			for _, key := range []string{"image", "image_build_context"} {
				if s, ok := c.GetString(key); ok && s != "" {
					p.notePath(w.ResolvePath(s))
				}
			}
		}
	}
	if !has {
		return
	}
	for _, name := range contractPackages {
		p.contracts.packages[w.Config.Dir+"\x00"+name] = versions.Package(w.Config.Dir, name)
	}
}

func (p *Project) notePath(abs string) {
	if _, done := p.contracts.paths[abs]; done {
		return
	}
	kind := PathMissing
	switch {
	case p.Files.IsFile(abs):
		kind = PathFile
	case p.Files.IsDir(abs):
		kind = PathDir
	}
	p.contracts.paths[abs] = kind
	p.ignored[abs] = p.Files.GitIgnored(abs)
	if kind == PathDir {
		p.notePath(filepath.Join(abs, "Dockerfile")) // an image folder's Dockerfile, for the fix
	}
}

// ResolvePath resolves a path written in the config against its folder.
func (w *Worker) ResolvePath(s string) string {
	if filepath.IsAbs(s) {
		return filepath.Clean(s)
	}
	return filepath.Join(w.Config.Dir, filepath.FromSlash(s))
}

// PathKind says what a path a config names (a container image or build
// context) is on disk; PathUnknown for a path Load did not look up.
func (p *Project) PathKind(abs string) PathKind { return p.contracts.paths[abs] }

// PackageVersion is the version of a package (@cloudflare/containers,
// wrangler) in force for a Worker that configures containers; not Found
// for other Workers and packages.
func (p *Project) PackageVersion(w *Worker, name string) sdk.PackageVersion {
	if v, ok := p.contracts.packages[w.Config.Dir+"\x00"+name]; ok {
		return v
	}
	return sdk.PackageVersion{Package: name}
}

// IsPages: a Pages project's config (it sets pages_build_output_dir).
func (w *Worker) IsPages() bool { return w.Config.Root.Get("pages_build_output_dir") != nil }

// PagesCode returns the code of a Pages project, nil for other Workers
// (or when code was not loaded).
func (p *Project) PagesCode(w *Worker) *PagesCode { return p.contracts.pages[w] }

// loadPagesCode finds each Pages project's entries, builds their module
// graphs and scans every script in them, whatever the keyword filter
// says: the rules read the bindings they use.
func (p *Project) loadPagesCode(discovered []string) {
	type job struct {
		pc   *PagesCode
		main string
		dir  string
	}
	var jobs []job
	for _, w := range p.Workers {
		if w.RoutingOnly || !w.IsPages() {
			continue
		}
		pc := &PagesCode{FunctionsDir: filepath.Join(w.Config.Dir, "functions")}
		for _, path := range discovered {
			if source.Within(pc.FunctionsDir, path) && source.IsScript(path) && !IsTestFile(path) && !strings.HasSuffix(path, ".d.ts") {
				pc.Functions = append(pc.Functions, path)
			}
		}
		sort.Strings(pc.Functions)
		if out, ok := w.Config.Root.GetString("pages_build_output_dir"); ok && out != "" {
			wjs := filepath.Join(w.ResolvePath(out), "_worker.js")
			switch {
			case p.Files.IsFile(wjs):
				pc.WorkerJS = wjs
			case p.Files.IsFile(filepath.Join(wjs, "index.js")):
				pc.WorkerJS = filepath.Join(wjs, "index.js")
			}
		}
		p.contracts.pages[w] = pc
		for _, entry := range pc.Entries() {
			jobs = append(jobs, job{pc, entry, w.Config.Dir})
		}
	}
	if len(jobs) == 0 {
		return
	}
	reqs := make([]jscode.ModuleRequest, len(jobs))
	for i, j := range jobs {
		reqs[i] = jscode.ModuleRequest{Main: j.main, ProjectDir: j.dir}
	}
	// the functions' graphs, from one scan of each script, as mains' are
	facts := jscode.ScanGraphs(p.resolver, reqs, p.graphFacts)
	mods := make([]*jscode.Module, len(reqs))
	source.Parallel(len(reqs), func(i int) { mods[i] = jscode.BuildGraph(p.resolver, reqs[i], facts) })
	p.Options.Stats.countModules(len(mods))
	var want []string
	seen := map[string]bool{}
	for i, j := range jobs {
		m := mods[i]
		j.pc.Modules = append(j.pc.Modules, m)
		files := []string{j.main}
		if m.Built {
			files = m.Inputs
		}
		for _, f := range files {
			if !source.IsScript(f) || strings.Contains(filepath.ToSlash(f), "/node_modules/") {
				continue
			}
			if !contains(j.pc.Files, f) {
				j.pc.Files = append(j.pc.Files, f)
			}
			if p.byPath[f] == nil && !seen[f] {
				seen[f] = true
				want = append(want, f)
			}
		}
	}
	for _, pc := range p.contracts.pages {
		sort.Strings(pc.Files)
	}
	sort.Strings(want)
	p.scanPathsAlways(want, always, never)
}
