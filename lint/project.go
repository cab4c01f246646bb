package lint

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// Worker is one wrangler config and what its code says.
type Worker struct {
	Config   *Config
	Versions Versions // for the Worker's own folder
	modules  map[string]*Module
	// Prefixes are the URL prefixes the Worker routes to Durable Objects
	// (routeAgentRequest / routePartykitRequest), "agents" when none is found.
	Prefixes []string
}

// Project is everything wranglint loaded for one run.
type Project struct {
	Files    *FileSet
	Workers  []*Worker
	Sources  []*SourceFacts // every scanned JS/TS file
	Refs     []*ClientRef
	Problems []Diagnostic // syntax errors found while loading
	Errors   []error      // paths that do not exist, unreadable files
	Options  LoadOptions
	versions *VersionFinder
	// classCache holds class indexes per main module (rules ask often).
	classCache map[string]map[string]ClassFact
	byPath     map[string]*SourceFacts // Sources by absolute path
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
}

// Load discovers and models every Worker and source file below the paths.
func Load(opts LoadOptions) *Project {
	p := &Project{Files: NewFileSet(opts.WorkDir), Options: opts, versions: NewVersionFinder()}
	p.Files.Overlay = opts.Overlay
	d := Discover(opts.Paths)
	p.Errors = append(p.Errors, d.Problems...)
	for _, cfg := range overlaidConfigs(d.Configs, opts) {
		p.loadConfig(cfg)
	}
	if opts.ConfigOnly {
		p.findPrefixes()
		return p
	}
	p.loadModules()
	p.scanSources(d.Sources)
	p.resolveRefs()
	p.findPrefixes()
	return p
}

// maxConfigSize bounds a wrangler config: real ones are a few KB (the
// largest of ~550 public ones is under 20 KB); this keeps memory bounded.
const maxConfigSize = 4 << 20

func (p *Project) loadConfig(path string) {
	if info, err := os.Stat(path); err == nil && info.Size() > maxConfigSize && p.Files.Overlay[path] == nil {
		p.Errors = append(p.Errors, fmt.Errorf("%s: %d MiB is too large for a wrangler config (wranglint reads up to %d MiB)",
			p.Files.Rel(path), info.Size()>>20, maxConfigSize>>20))
		return
	}
	f, err := p.Files.Read(path)
	if err != nil {
		p.Errors = append(p.Errors, fmt.Errorf("%s: %w", p.Files.Rel(path), err))
		return
	}
	var root *Node
	if strings.HasSuffix(path, ".toml") {
		root, err = ParseTOML(f)
	} else {
		root, err = ParseJSONC(f)
	}
	var se *SyntaxError
	if errors.As(err, &se) {
		p.addSyntax(se)
		return
	}
	c := NewConfig(f, root)
	p.Workers = append(p.Workers, &Worker{Config: c, Versions: p.versions.For(c.Dir), modules: map[string]*Module{}})
}

func (p *Project) addSyntax(se *SyntaxError) {
	p.Problems = append(p.Problems, Diagnostic{Rule: SyntaxErrorRule, Severity: SeverityError, Span: se.Span, Message: se.Msg})
}

// overlaidConfigs applies the fixer's renames to the discovered configs.
func overlaidConfigs(found []string, opts LoadOptions) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range found {
		if !opts.Removed[c] && !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	for path := range opts.Overlay {
		if isConfigName(filepath.Base(path)) && !seen[path] {
			if _, err := os.Stat(path); err != nil { // new: created by a rename
				seen[path] = true
				out = append(out, path)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Exists reports whether a file exists (in the fixer's overlay or on disk).
func (p *Project) Exists(path string) bool {
	if _, ok := p.Files.Overlay[path]; ok {
		return true
	}
	if p.Options.Removed[path] {
		return false
	}
	_, err := os.Stat(path)
	return err == nil
}

// MainPath resolves an environment's main to an absolute path ("" if unset).
func (w *Worker) MainPath(e *Env) string {
	m, _ := e.Main()
	if m == "" {
		return ""
	}
	return filepath.Join(w.Config.Dir, filepath.FromSlash(m))
}

// Module returns the module graph of the environment's main, or nil.
func (w *Worker) Module(e *Env) *Module { return w.modules[w.MainPath(e)] }

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
	results := make([]*Module, len(jobs))
	parallel(len(jobs), func(i int) { results[i] = LoadModule(jobs[i].main, jobs[i].w.Config.Dir, p.Files) })
	for i, j := range jobs {
		j.w.modules[j.main] = results[i]
		for _, bp := range results[i].Problems {
			if !bp.Resolve && bp.Span.Valid() {
				p.addSyntax(&SyntaxError{Span: bp.Span, Msg: "cannot parse: " + bp.Text})
			}
		}
	}
}

// scanSources scans every JS/TS file that can hold a fact, in parallel.
func (p *Project) scanSources(paths []string) {
	facts := make([]*SourceFacts, len(paths))
	var mu sync.Mutex
	parallel(len(paths), func(i int) {
		f, err := p.Files.Read(paths[i])
		if err != nil {
			if _, tooLarge := err.(ErrTooLarge); !tooLarge {
				mu.Lock()
				p.Errors = append(p.Errors, fmt.Errorf("%s: %w", p.Files.Rel(paths[i]), err))
				mu.Unlock()
			}
			return
		}
		if NeedsScan(f.Data, nil) {
			facts[i] = ScanSource(f)
		}
	})
	for _, sf := range facts {
		if sf == nil {
			continue
		}
		p.addFacts(sf)
		if sf.Syntax != nil {
			p.addSyntax(sf.Syntax)
		}
	}
}

// resolveRefs computes what each option-based client sends, with the
// conversion of the SDK version installed for its file.
func (p *Project) resolveRefs() {
	for _, sf := range p.Sources {
		if IsTestFile(sf.File.Path) {
			continue // tests build wrong URLs on purpose and compare URL strings
		}
		v := p.versions.For(filepath.Dir(sf.File.Path))
		for _, r := range sf.Refs {
			switch r.Kind {
			case RefAgentClient:
				r.Era = v.ClientEra()
				r.Namespace = Namespace(r.Value, r.Era)
			case RefPartySocket:
				r.Era, r.Namespace = EraVerbatim, r.Value
			}
			p.Refs = append(p.Refs, r)
		}
	}
}

// findPrefixes learns which prefixes each Worker routes from the routing
// calls in its module graph (or, without a graph, below its folder).
func (p *Project) findPrefixes() {
	for _, w := range p.Workers {
		inGraph := w.graphFiles()
		seen := map[string]bool{}
		for _, sf := range p.Sources {
			if !inGraph[sf.File.Path] && !(len(inGraph) == 0 && within(w.Config.Dir, sf.File.Path)) {
				continue
			}
			for _, rc := range sf.RouteCalls {
				prefix := rc.Prefix
				if !rc.HasPrefix {
					prefix = map[bool]string{true: "agents", false: "parties"}[rc.Func == "routeAgentRequest"]
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

// Facts returns the scan of the file at abs, or nil when it was not scanned.
func (p *Project) Facts(abs string) *SourceFacts { return p.byPath[abs] }

func (p *Project) addFacts(sf *SourceFacts) {
	if p.byPath == nil {
		p.byPath = map[string]*SourceFacts{}
	}
	p.Sources = append(p.Sources, sf)
	p.byPath[sf.File.Path] = sf
}

// within reports whether path lies inside dir.
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && !startsWithDotDot(rel) && rel != ".."
}

func parallel(n int, f func(int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// FactsFor returns the scan of a project file, scanning it now if the
// keyword filter skipped it (rules ask for main modules and graph files).
func (p *Project) FactsFor(abs string) *SourceFacts {
	if sf := p.Facts(abs); sf != nil {
		return sf
	}
	f, err := p.Files.Read(abs)
	if err != nil {
		return nil
	}
	sf := ScanSource(f)
	p.addFacts(sf)
	return sf
}

// IsTestFile: *.test.*, *.spec.*, or a file below a __tests__ folder.
func IsTestFile(path string) bool {
	base := filepath.Base(path)
	if strings.Contains(base, ".test.") || strings.Contains(base, ".spec.") {
		return true
	}
	return strings.Contains(filepath.ToSlash(path), "/__tests__/")
}
