package project

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/source"
)

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

// scan returns the facts of one file, from the cache when it has them.
// Contents that exist only in memory (the fixer's) are not stored.
func (p *Project) scan(f *source.File) *jscode.SourceFacts {
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
			for _, spec := range neededModules(sf) {
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
	var want []string
	for _, path := range discovered {
		if p.byPath[path] != nil {
			continue
		}
		if f, err := p.Files.Read(path); err == nil && mentionsAny(f.Data, names) {
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
				path := bp.Span.File.Path
				if sf := p.byPath[path]; sf != nil && sf.Syntax != nil {
					// the bundle stopped at a file whose scan found the error:
					// it is on a module graph's path, so reported, once
					if !p.syntaxReported[path] {
						p.syntaxReported[path] = true
						p.addSyntax(sf.Syntax)
						p.Skipped = slices.DeleteFunc(p.Skipped, func(s jscode.Skip) bool { return s.Span.File != nil && s.Span.File.Path == path })
					}
					continue
				}
				p.addSyntax(&source.SyntaxError{Span: bp.Span, Msg: "cannot parse: " + bp.Text})
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
