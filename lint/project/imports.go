package project

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/wranglint/wranglint/lint/jscode"
)

// Imports between the project's own modules, resolved while loading: a
// client call whose value is a constant imported from another module, a
// call of a wrapper exported by another module. Each file is scanned
// alone; these join the scans. After Load, every lookup is a read of what
// Load resolved.

// maxReexportHops bounds how far an imported name is followed through
// `export { X } from` and `export *` chains.
const maxReexportHops = 8

// neededModules lists the project modules a file's indirect values name.
func neededModules(sf *jscode.SourceFacts) []string {
	var out []string
	for _, rc := range sf.RouteCalls {
		if rc.PrefixValue != nil {
			out = append(out, valueModules([]jscode.Value{*rc.PrefixValue})...)
		}
	}
	for _, t := range sf.Templates {
		for _, pc := range t.Value.Pieces {
			if pc.Kind == jscode.PieceImport {
				out = append(out, pc.Module)
			}
		}
	}
	for _, c := range sf.Calls {
		out = append(out, c.Module)
		for _, a := range c.Args {
			out = append(out, argModules(a)...)
		}
	}
	for _, r := range sf.ReExports {
		out = append(out, r.Module)
	}
	for _, vs := range sf.ExportedValues {
		out = append(out, valueModules(vs)...)
	}
	out = append(out, sf.StarExports...)
	for _, c := range sf.Classes { // base classes, followed into workspace packages
		if c.ExtendsModule != "" {
			out = append(out, c.ExtendsModule)
		}
	}
	return out
}

func argModules(a jscode.Arg) []string {
	out := valueModules(a.Values)
	for _, vs := range a.Props {
		out = append(out, valueModules(vs)...)
	}
	return out
}

func valueModules(vs []jscode.Value) []string {
	var out []string
	for _, v := range vs {
		for _, pc := range v.Pieces {
			if pc.Kind == jscode.PieceImport {
				out = append(out, pc.Module)
			}
		}
	}
	return out
}

// resolveModule finds the file a specifier names from the file from ("" when
// none exists), with the one resolver: the bundler's resolution for the
// project's modules, and for a package, its source as installed or linked
// from the workspace (resolve.Resolver.ResolvePackage).
func (p *Project) resolveModule(from, spec string) string {
	key := importKey{filepath.Dir(from), spec}
	if path, ok := p.imports[key]; ok {
		return path
	}
	path := p.resolveSpecifier(from, spec)
	p.imports[key] = path
	return path
}

// ResolveModule returns the file a specifier names from the file from, as
// Load resolved it ("" when none, or when Load did not see the pair).
func (p *Project) ResolveModule(from, spec string) string {
	return p.imports[importKey{filepath.Dir(from), spec}]
}

// importKey is a specifier and the folder it is resolved from.
type importKey struct{ dir, spec string }

// resolveAllImports resolves every specifier a scanned file names or
// takes a value, wrapper or prefix from.
func (p *Project) resolveAllImports() {
	for _, sf := range p.Sources {
		if p.importsKept && p.prevFacts[sf.File.Path] == sf {
			continue // the last snapshot resolved them all, the same way
		}
		for _, spec := range p.neededOf(sf) {
			p.resolveModule(sf.File.Path, spec)
		}
		for _, r := range sf.Imports {
			p.resolveModule(sf.File.Path, r.Spec)
		}
	}
}

func (p *Project) resolveSpecifier(from, spec string) string {
	return p.resolver.ResolvePackage(from, spec)
}

// exportSource follows name, exported by file, through `export { X }
// from` and `export *` chains to the module where has finds it, and the
// name it has there. NAMES.chat, a key of an exported object, follows
// NAMES.
func (p *Project) exportSource(file, name string, hops int, has func(*jscode.SourceFacts, string) bool) (string, string, int, bool) {
	sf := p.byPath[file]
	if sf == nil || hops > maxReexportHops {
		return "", "", 0, false
	}
	if has(sf, name) {
		return file, name, hops, true
	}
	head, member, _ := strings.Cut(name, ".")
	for _, r := range sf.ReExports {
		switch {
		case r.As == name:
			return p.exportSource(p.ResolveModule(file, r.Module), r.Name, hops+1, has)
		case member != "" && r.As == head && r.Name != "*":
			return p.exportSource(p.ResolveModule(file, r.Module), r.Name+"."+member, hops+1, has)
		}
	}
	for _, spec := range sf.StarExports {
		if at, n, h, ok := p.exportSource(p.ResolveModule(file, spec), name, hops+1, has); ok {
			return at, n, h, true
		}
	}
	return "", "", 0, false
}

// ExportedValues finds the values a module exports under name, following
// re-exports, with their own imports filled in.
func (p *Project) ExportedValues(file, name string, hops int) []jscode.Value {
	at, name, hops, ok := p.exportSource(file, name, hops, func(sf *jscode.SourceFacts, n string) bool {
		_, ok := sf.ExportedValues[n]
		return ok
	})
	if !ok {
		return nil
	}
	var out []jscode.Value
	for _, v := range p.byPath[at].ExportedValues[name] {
		out = append(out, jscode.FillValue(v, p.ImportLookup(at, hops+1), jscode.PieceImport)...)
	}
	return out
}

// HandoffTested reports whether the function of another module that an
// env read of file is passed to tests that parameter, following
// re-exports.
func (p *Project) HandoffTested(file string, h jscode.Handoff) bool {
	if h.Func == "" || h.Module == "" {
		return false
	}
	_, _, _, ok := p.exportSource(p.ResolveModule(file, h.Module), h.Func, 0, func(sf *jscode.SourceFacts, n string) bool {
		return sf.TestsParam(n, h.Param)
	})
	return ok
}

// ImportLookup fills the imported pieces of values written in file.
func (p *Project) ImportLookup(file string, hops int) func(jscode.Piece) []jscode.Value {
	return func(pc jscode.Piece) []jscode.Value {
		return p.ExportedValues(p.ResolveModule(file, pc.Module), pc.Name, hops)
	}
}

// ExportedWrappers finds the wrappers a module exports under name.
func (p *Project) ExportedWrappers(file, name string, hops int) ([]jscode.Wrapper, string) {
	exports := func(sf *jscode.SourceFacts, n string) bool {
		return slices.ContainsFunc(sf.Wrappers, func(w jscode.Wrapper) bool { return contains(w.Exported, n) })
	}
	at, name, _, ok := p.exportSource(file, name, hops, exports)
	if !ok {
		return nil, ""
	}
	var out []jscode.Wrapper
	for _, w := range p.byPath[at].Wrappers {
		if contains(w.Exported, name) {
			out = append(out, w)
		}
	}
	return out, at
}
