package project

import (
	"path/filepath"
	"strings"

	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/source"
)

// scanEntryModules scans the project modules a Worker's entry takes
// values from outside its module graph: a handler, a base class or a
// sub-router imported from a workspace package or through a tsconfig
// alias (the bundle leaves packages external, so the graph stops there),
// and the modules those take theirs from. Packages installed from a
// registry are not the project's code and are not scanned.
func (p *Project) scanEntryModules() {
	var fresh []*jscode.SourceFacts // the graphs' scripts first, then what each round adds
	for _, w := range p.Workers {
		for _, in := range source.SortedKeys(w.graphFiles()) {
			if sf := p.byPath[in]; sf != nil {
				fresh = append(fresh, sf)
			}
		}
	}
	for round := 0; round < maxReexportHops; round++ {
		var want []string
		for _, sf := range fresh {
			for _, spec := range entryModules(sf) {
				path := p.resolveModule(sf.File.Path, spec)
				if path != "" && p.byPath[path] == nil && !contains(want, path) &&
					!strings.Contains(filepath.ToSlash(path), "/node_modules/") {
					want = append(want, path)
				}
			}
		}
		if len(want) == 0 {
			return
		}
		done := len(p.Sources)
		p.scanPathsAlways(want, always, never)
		fresh = p.Sources[done:]
	}
}

// entryModules lists the specifiers a file's entry facts name: imported
// values, sub-routers, imported cron constants, re-exports.
func entryModules(sf *jscode.SourceFacts) []string {
	var out []string
	for _, v := range sf.Entry.Values {
		if v.Kind == jscode.ValueImport && v.Module != "" {
			out = append(out, v.Module)
		}
	}
	for _, r := range sf.Routers {
		for _, m := range r.Mounts {
			if m.Module != "" {
				out = append(out, m.Module)
			}
		}
	}
	for _, c := range sf.CronDispatches {
		for _, cs := range c.Cases {
			out = append(out, valueModules(cs.Values)...)
		}
	}
	for _, r := range sf.ReExports {
		out = append(out, r.Module)
	}
	return append(out, sf.StarExports...)
}
