package lint

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/source"
)

// Values behind one level of indirection across modules: a client call
// whose value is a constant imported from another project module, and a
// call of a project wrapper exported by another module. Each file is
// scanned alone; this joins the scans.

// maxReexportHops bounds how far an imported name is followed through
// `export { X } from` and `export *` chains.
const maxReexportHops = 8

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
				if path := p.ResolveModule(sf.File.Path, spec); path != "" && p.byPath[path] == nil && !contains(want, path) &&
					!strings.Contains(filepath.ToSlash(path), "/node_modules/") { // packages' own code is not the project's
					want = append(want, path)
				}
			}
		}
		if len(want) == 0 {
			return
		}
		p.scanPaths(want, func(string) bool { return true })
	}
}

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
	p.scanPaths(want, func(string) bool { return true })
}

func mentionsAny(data []byte, names [][]byte) bool {
	for _, n := range names {
		if bytes.Contains(data, n) {
			return true
		}
	}
	return false
}

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

// moduleExts are tried after a relative specifier, as bundlers do.
var moduleExts = []string{".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"}

// ResolveModule finds the file a specifier names from the file from ("" when
// none exists): a relative path (as is, with an extension, a TypeScript
// file for a .js specifier, or an index file), a tsconfig `paths` alias,
// or a package installed (or linked from the workspace) in node_modules.
func (p *Project) ResolveModule(from, spec string) string {
	key := filepath.Dir(from) + "\x00" + spec
	p.resolver.mu.Lock()
	path, ok := p.resolver.modules[key]
	p.resolver.mu.Unlock()
	if !ok {
		path = p.resolveModule(from, spec)
		p.resolver.mu.Lock()
		p.resolver.modules[key] = path
		p.resolver.mu.Unlock()
	}
	return path
}

func (p *Project) resolveModule(from, spec string) string {
	if !strings.HasPrefix(spec, "./") && !strings.HasPrefix(spec, "../") {
		if spec == "" || strings.HasPrefix(spec, "node:") || strings.HasPrefix(spec, "cloudflare:") {
			return ""
		}
		return p.resolveBare(from, spec)
	}
	return p.resolveFile(filepath.Join(filepath.Dir(from), filepath.FromSlash(spec)))
}

// resolveFile tries a path as bundlers do: as is, with an extension, a
// TypeScript file for a .js one, or an index file of the folder.
func (p *Project) resolveFile(base string) string {
	cands := []string{base}
	for _, ext := range moduleExts {
		cands = append(cands, base+ext)
	}
	if ext := filepath.Ext(base); ext != "" {
		stem := strings.TrimSuffix(base, ext)
		for _, alt := range map[string][]string{".js": {".ts", ".tsx"}, ".jsx": {".tsx"}, ".mjs": {".mts"}, ".cjs": {".cts"}}[ext] {
			cands = append(cands, stem+alt)
		}
	}
	for _, ext := range moduleExts {
		cands = append(cands, filepath.Join(base, "index"+ext))
	}
	for _, c := range cands {
		if source.IsScript(c) && p.Files.IsFile(c) {
			return c
		}
	}
	return ""
}

// exportedValues finds the values a module exports under name, following
// re-exports, with their own imports filled in.
func (p *Project) exportedValues(file, name string, hops int) []jscode.Value {
	sf := p.byPath[file]
	if sf == nil || hops > maxReexportHops {
		return nil
	}
	if vs, ok := sf.ExportedValues[name]; ok {
		var out []jscode.Value
		for _, v := range vs {
			out = append(out, jscode.FillValue(v, p.importLookup(file, hops+1), jscode.PieceImport)...)
		}
		return out
	}
	for _, r := range sf.ReExports {
		if r.As == name {
			return p.exportedValues(p.ResolveModule(file, r.Module), r.Name, hops+1)
		}
	}
	for _, spec := range sf.StarExports {
		if vs := p.exportedValues(p.ResolveModule(file, spec), name, hops+1); vs != nil {
			return vs
		}
	}
	return nil
}

// importLookup fills the imported pieces of values written in file.
func (p *Project) importLookup(file string, hops int) func(jscode.Piece) []jscode.Value {
	return func(pc jscode.Piece) []jscode.Value {
		return p.exportedValues(p.ResolveModule(file, pc.Module), pc.Name, hops)
	}
}

// exportedWrappers finds the wrappers a module exports under name.
func (p *Project) exportedWrappers(file, name string, hops int) ([]jscode.Wrapper, string) {
	sf := p.byPath[file]
	if sf == nil || hops > maxReexportHops {
		return nil, ""
	}
	var out []jscode.Wrapper
	for _, w := range sf.Wrappers {
		if contains(w.Exported, name) {
			out = append(out, w)
		}
	}
	if len(out) > 0 {
		return out, file
	}
	for _, r := range sf.ReExports {
		if r.As == name {
			return p.exportedWrappers(p.ResolveModule(file, r.Module), r.Name, hops+1)
		}
	}
	for _, spec := range sf.StarExports {
		if ws, at := p.exportedWrappers(p.ResolveModule(file, spec), name, hops+1); ws != nil {
			return ws, at
		}
	}
	return nil, ""
}

// indirectRefs resolves a file's templates and calls of imported
// wrappers into references; what cannot be resolved is counted as
// skipped.
func (p *Project) indirectRefs(sf *jscode.SourceFacts) ([]*jscode.ClientRef, []jscode.Skip) {
	var refs []*jscode.ClientRef
	var skipped []jscode.Skip
	own := p.importLookup(sf.File.Path, 0)
	for _, t := range sf.Templates {
		n := len(refs)
		refs = append(refs, templateRefs(t.FillImports(own), "")...)
		if len(refs) == n {
			skipped = append(skipped, jscode.Skip{Via: t.Via, Reason: "its value is imported from a module wranglint cannot read", Span: t.Span})
		}
	}
	for _, c := range sf.Calls {
		ws, at := p.exportedWrappers(p.ResolveModule(sf.File.Path, c.Module), c.Name, 0)
		for _, w := range ws {
			p.called[at+"\x00"+w.Local] = true
			for _, t := range w.Template.FillImports(p.importLookup(at, 0)) {
				for _, filled := range t.Fill(c.Args) {
					refs = append(refs, templateRefs(filled.FillImports(own), w.Local)...)
				}
			}
		}
	}
	return refs, skipped
}

// templateRefs turns filled templates into references, naming the
// wrapper they went through.
func templateRefs(ts []jscode.Template, wrapper string) []*jscode.ClientRef {
	var out []*jscode.ClientRef
	for _, t := range ts {
		if ref, ok := t.Ref(); ok {
			ref.Wrapper = wrapper
			out = append(out, ref)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// uncalledWrappers counts the exported wrappers no call in the project
// fills: their clients are known only to callers wranglint cannot see.
func (p *Project) uncalledWrappers() []jscode.Skip {
	var out []jscode.Skip
	for _, sf := range p.Sources {
		for _, w := range sf.Wrappers {
			if !p.called[sf.File.Path+"\x00"+w.Local] {
				out = append(out, jscode.Skip{Via: w.Template.Via, Span: w.Template.Span,
					Reason: "its value is a parameter of the exported " + w.Local + "(), which no scanned module calls with a known value"})
			}
		}
	}
	return out
}
