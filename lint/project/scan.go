package project

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/source"
)

// scanSources scans, in parallel, every other discovered script (the
// module graphs' own are scanned already) that can hold a client reference
// or a routing call (the keyword filter skips only files that provably
// cannot).
func (p *Project) scanSources(discovered []string) {
	var paths []string
	for _, d := range discovered {
		if p.byPath[d] == nil {
			paths = append(paths, d)
		}
	}
	sort.Strings(paths)
	p.scanPaths(paths, func(path string) bool { return p.inGraph[path] })
	sort.Slice(p.Sources, func(i, j int) bool { return p.Sources[i].File.Path < p.Sources[j].File.Path })
}

// graphFacts scans one script a module graph reaches (called in
// parallel by the graphs' worklist); the scan is the file's one parse.
func (p *Project) graphFacts(path string) (*jscode.SourceFacts, error) {
	f, err := p.Files.Read(path)
	if err != nil {
		return nil, err
	}
	sf := p.scan(f)
	p.mu.Lock()
	defer p.mu.Unlock()
	if prev := p.byPath[path]; prev != nil {
		return prev, nil
	}
	p.byPath[path] = sf
	p.Sources = append(p.Sources, sf)
	p.inGraph[path] = true
	if sf.Syntax != nil {
		p.addSyntax(sf.Syntax)
		p.syntaxReported[path] = true
	}
	return sf, nil
}

// scanPaths scans files in parallel; inGraph(path) says whether a file is
// part of a Worker's module graph: such a file is scanned even when the
// keyword filter says it holds nothing, and its syntax errors are
// reported (the deploy's bundle fails on them). Any other file that does
// not parse is only listed (--verbose): it is front-end or tooling code
// whose own build reports it, and nothing in it could be checked.
func (p *Project) scanPaths(paths []string, inGraph func(string) bool) {
	p.scanPathsAlways(paths, inGraph, inGraph)
}

func (p *Project) scanPathsAlways(paths []string, always, inGraph func(string) bool) {
	facts := make([]*jscode.SourceFacts, len(paths))
	errs := make([]error, len(paths))
	files := make([]*source.File, len(paths))
	needs := make([]bool, len(paths))
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
		if always(paths[i]) {
			facts[i] = p.scan(f)
			return
		}
		// once per file's bytes: a keystroke looks again at one file
		need, ok := p.prevMemo.needsScan[f]
		if !ok {
			need = jscode.NeedsScan(f.Data)
		}
		files[i], needs[i] = f, need
		if need {
			facts[i] = p.scan(f)
		}
	})
	for i, sf := range facts {
		if files[i] != nil {
			p.memo.needsScan[files[i]] = needs[i]
		}
		if errs[i] != nil {
			p.addErrors([]error{errs[i]})
		}
		if sf == nil {
			continue
		}
		p.Sources = append(p.Sources, sf)
		p.byPath[sf.File.Path] = sf
		switch {
		case sf.Syntax == nil:
		case inGraph(sf.File.Path):
			p.addSyntax(sf.Syntax)
			p.syntaxReported[sf.File.Path] = true
		default:
			p.Skipped = append(p.Skipped, jscode.Skip{Via: "the whole file", Span: sf.Syntax.Span,
				Reason: "it does not parse, and no Worker's module graph holds it: its own build reports the error, and nothing in it is checked"})
		}
	}
}

// scan returns the facts of one file: the last snapshot's when the file
// is the same (an editor's keystroke re-parses one file), else from the
// cache when it has them. Contents that exist only in memory (the fixer's,
// an editor's) are not stored.
func (p *Project) scan(f *source.File) *jscode.SourceFacts {
	if sf := p.prevFacts[f.Path]; sf != nil && sf.File == f {
		return sf
	}
	_, inMemory := p.Files.Overlay()[f.Path]
	facts, hit := p.Options.Cache.Scan(f, !inMemory)
	p.Options.Stats.countScan(hit)
	return facts
}

// scanImported scans the project modules that scanned files take values
// or wrappers from (and the modules those re-export from), which the
// keyword filter may have skipped: a names.ts holding only constants.
func (p *Project) scanImported() {
	done := 0 // files whose needs were looked at
	for round := 0; round < maxReexportHops; round++ {
		var want []string
		fresh := p.Sources[done:]
		done = len(p.Sources)
		for _, sf := range fresh {
			for _, spec := range p.neededOf(sf) {
				if path := p.resolveModule(sf.File.Path, spec); path != "" && p.byPath[path] == nil && !contains(want, path) &&
					!strings.Contains(filepath.ToSlash(path), "/node_modules/") { // packages' own code is not the project's
					want = append(want, path)
				}
			}
		}
		if len(want) == 0 {
			return
		}
		p.scanPathsAlways(want, always, never)
	}
}

func always(string) bool { return true }
func never(string) bool  { return false }

// scanCallers scans the discovered files the keyword filter skipped but
// that name an exported wrapper or an exported URL constant of a scanned
// file: a file that mentions none of those names cannot call or read
// them (a renamed import still names them).
func (p *Project) scanCallers(discovered []string) {
	var names [][]byte
	for _, sf := range p.Sources {
		for _, w := range sf.Wrappers {
			names = append(names, []byte(w.Local))
			if contains(w.Exported, "default") {
				base := filepath.Base(sf.File.Path)
				names = append(names, []byte(strings.TrimSuffix(base, filepath.Ext(base))))
			}
		}
		for name, vs := range sf.ExportedValues {
			if strings.Contains(vs[0].Text(), "/") {
				names = append(names, []byte(name))
			}
		}
	}
	names = append(names, p.declaredNames(discovered)...)
	if len(names) == 0 {
		return
	}
	key := string(bytes.Join(names, []byte{0}))
	p.memo.mentionsKey = key
	reuse := p.prevMemo.mentionsKey == key
	var want []string
	for _, path := range discovered {
		if p.byPath[path] != nil {
			continue
		}
		f, err := p.Files.Read(path)
		if err != nil {
			continue
		}
		m, ok := p.prevMemo.mentions[f]
		if !ok || !reuse {
			m = mentionsAny(f.Data, names)
		}
		p.memo.mentions[f] = m
		if m {
			want = append(want, path)
		}
	}
	p.scanPathsAlways(want, always, never)
}

func mentionsAny(data []byte, names [][]byte) bool {
	for _, n := range names {
		if bytes.Contains(data, n) {
			return true
		}
	}
	return false
}

// reportBuildProblems reports what stops a bundle, except unresolved
// imports (unresolved-import reports those, with advice); a script's
// syntax error is its scan's, reported once whichever graphs reach it;
// a graph over the size wranglint analyses is said at the config.
func (p *Project) reportBuildProblems() {
	seen := map[string]bool{}
	for _, w := range p.Workers {
		for _, main := range source.SortedKeys(w.modules) {
			for _, bp := range w.modules[main].Problems {
				switch {
				case bp.Limit:
					p.Problems = append(p.Problems, Problem{Rule: IOError, Span: source.Span{File: w.Config.File},
						Message: bp.Text + ": wranglint does not analyse a Worker that large, so nothing about its code is checked"})
				case bp.Resolve || !bp.Span.Valid() || seen[bp.Span.String()+bp.Text]:
				case bp.NoLoader && p.builtByOtherBundler(w):
				case bp.Syntax:
					p.reportSyntaxOnce(bp.Span.File.Path)
				default:
					seen[bp.Span.String()+bp.Text] = true
					p.addSyntax(&source.SyntaxError{Span: bp.Span, Msg: "cannot parse: " + bp.Text})
				}
			}
		}
	}
}

// builtByOtherBundler: Vite (with @cloudflare/vite-plugin) or the
// config's build.command bundles the Worker, whose plugins may load
// files esbuild cannot (.mdx, .vue, .svelte).
func (p *Project) builtByOtherBundler(w *Worker) bool {
	if cmd, ok := w.Config.Top().Get("build").GetString("command"); ok && strings.TrimSpace(cmd) != "" {
		return true
	}
	return p.importsVitePlugin(w.Config.Dir)
}

// reportSyntaxOnce reports the scan's syntax error of a script a bundle
// stopped at (on a module graph's path, so a finding), once.
func (p *Project) reportSyntaxOnce(path string) {
	sf := p.byPath[path]
	if sf == nil || sf.Syntax == nil || p.syntaxReported[path] {
		return
	}
	p.syntaxReported[path] = true
	p.addSyntax(sf.Syntax)
	p.Skipped = slices.DeleteFunc(p.Skipped, func(s jscode.Skip) bool { return s.Span.File != nil && s.Span.File.Path == path })
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// scanEntrypointClasses scans the discovered scripts the keyword filter
// skipped but that declare a class a service binding names as its
// `entrypoint` (`class Name`): a class main does not export yet is
// declared somewhere, and where is what a fix needs.
func (p *Project) scanEntrypointClasses(discovered []string) {
	seen := map[string]bool{}
	var needles [][]byte
	for _, w := range p.Workers {
		for _, e := range w.Config.Envs {
			for _, n := range e.Get("services").Objects() {
				if name, _ := n.GetString("entrypoint"); name != "" && name != "default" && !seen[name] {
					seen[name] = true
					needles = append(needles, []byte("class "+name))
				}
			}
		}
	}
	if len(needles) == 0 {
		return
	}
	var want []string
	for _, path := range discovered {
		if p.byPath[path] != nil || strings.Contains(filepath.ToSlash(path), "/node_modules/") {
			continue
		}
		f, err := p.Files.Read(path)
		if err != nil {
			continue
		}
		for _, needle := range needles {
			if bytes.Contains(f.Data, needle) {
				want = append(want, path)
				break
			}
		}
	}
	p.scanPathsAlways(want, always, never)
}
