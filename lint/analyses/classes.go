package analyses

import (
	"path/filepath"
	"sort"
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// Classes indexes, per module graph, the class declarations of its
// scripts by name, and follows `extends` to the package class a class
// builds on (Agent, DurableObject, Server, ...), through the project's
// modules and the packages of its workspace (linked into node_modules).
var Classes = &lint.Analysis{
	Name: "classes",
	Doc:  "the classes of each module graph and the package base class each extends",
	Run:  func(p *lint.AnalysisPass) any { return indexClasses(p.Project) },
}

// ClassesOf returns the Classes analysis's result.
func ClassesOf(r lint.Results) *ClassIndex { return r.ResultOf(Classes).(*ClassIndex) }

// ClassIndex is the result of Classes.
type ClassIndex struct {
	p      *project.Project
	byMain map[string]map[string]ClassDecl // main -> class name -> first declaration
}

// ClassDecl is a class declaration and the file that declares it.
type ClassDecl struct {
	jscode.ClassFact
	File string
}

func indexClasses(p *project.Project) *ClassIndex {
	ci := &ClassIndex{p: p, byMain: map[string]map[string]ClassDecl{}}
	for _, w := range p.Workers {
		for _, mod := range w.Modules() {
			if _, done := ci.byMain[mod.Main]; done {
				continue
			}
			out := map[string]ClassDecl{}
			for _, sf := range p.GraphFacts(mod) {
				for _, c := range sf.Classes {
					if _, seen := out[c.Name]; !seen {
						out[c.Name] = ClassDecl{c, sf.File.Path}
					}
				}
			}
			ci.byMain[mod.Main] = out
		}
	}
	return ci
}

// BaseOf follows `extends` from the class main exports under className
// until it reaches a class imported from a package; ok is false for a
// class that is not found or extends nothing from a package.
func (ci *ClassIndex) BaseOf(w *project.Worker, e *wrangler.Env, className string) (sdk.ClassBase, bool) {
	_, base, ok := ci.Lineage(w, e, className)
	return base, ok
}

// maxClassDepth bounds `extends` chains (and cycles between them).
const maxClassDepth = 16

// Lineage is BaseOf with the project's own classes on the way: the class
// itself first, then each base declared in the project or a workspace
// package, up to the package class (base, when ok). The chain is empty
// when main re-exports the package class itself.
func (ci *ClassIndex) Lineage(w *project.Worker, e *wrangler.Env, className string) (chain []ClassDecl, base sdk.ClassBase, ok bool) {
	// a fetch on the way that does not call super.fetch keeps the SDK's
	// from running, whatever the classes around it do
	defer func() {
		for _, c := range chain {
			base.OwnFetch = base.OwnFetch || c.Fetch == "own"
		}
	}()
	mod := w.Module(e)
	if mod == nil || !mod.Built {
		return nil, sdk.ClassBase{}, false
	}
	classes := ci.byMain[mod.Main]
	cur, found := classes[className]
	if !found {
		// main re-exports it from a workspace package (packages stay out
		// of the bundle's graph), or from an installed one: then it is
		// that package's class itself (`export { Sandbox } from
		// "@cloudflare/sandbox"`)
		var pkg pkgExport
		if cur, found, pkg = ci.exported(mod.Main, className, 0); !found {
			if pkg.Module != "" {
				return nil, sdk.ClassBase{Module: pkg.Module, Name: pkg.Name}, true
			}
			return nil, sdk.ClassBase{}, false
		}
	}
	chain, base, ok = ci.follow(cur, classes)
	return chain, base, ok
}

// Declared returns every class declaration named name among the
// project's scanned scripts (any module graph or none, packages'
// own code apart), by file path.
func (ci *ClassIndex) Declared(name string) []ClassDecl {
	var out []ClassDecl
	for _, sf := range ci.p.Sources {
		if inNodeModules(sf.File.Path) {
			continue
		}
		for _, c := range sf.Classes {
			if c.Name == name {
				out = append(out, ClassDecl{c, sf.File.Path})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out
}

// BaseOfDecl is BaseOf for a class declaration wherever it is (one
// Declared returns): `extends` is followed from the declaring file.
func (ci *ClassIndex) BaseOfDecl(d ClassDecl) (sdk.ClassBase, bool) {
	_, base, ok := ci.follow(d, nil)
	return base, ok
}

// follow walks `extends` from cur to the package class at the root of
// its chain; classes (main's graph, may be nil) places bases known by
// name only.
func (ci *ClassIndex) follow(cur ClassDecl, classes map[string]ClassDecl) (chain []ClassDecl, base sdk.ClassBase, ok bool) {
	var via []string
	for depth := 0; depth < maxClassDepth; depth++ {
		chain = append(chain, cur)
		c := cur.ClassFact
		var next ClassDecl
		switch {
		case c.ExtendsModule != "":
			if knownBase(c.ExtendsModule) {
				return chain, sdk.ClassBase{Module: c.ExtendsModule, Name: c.ExtendsName, Via: via}, true
			}
			n, ok, pkg := ci.exported(ci.p.ResolveModule(cur.File, c.ExtendsModule), c.ExtendsName, 0)
			switch {
			case ok:
				next = n
			case pkg.Module != "":
				return chain, sdk.ClassBase{Module: pkg.Module, Name: pkg.Name, Via: via}, true
			case !strings.HasPrefix(c.ExtendsModule, "."):
				return chain, sdk.ClassBase{Module: c.ExtendsModule, Name: c.ExtendsName, Via: via}, true
			default: // a project module the index knows by name only
				if next, ok = classes[c.ExtendsName]; !ok {
					return chain, sdk.ClassBase{}, false
				}
			}
		case c.Extends != "":
			var ok bool
			if next, ok = ci.declaredIn(cur.File, c.Extends); !ok {
				if next, ok = classes[c.Extends]; !ok {
					return chain, sdk.ClassBase{}, false
				}
			}
		default:
			return chain, sdk.ClassBase{}, false
		}
		via = append(via, next.Name)
		cur = next
	}
	return chain, sdk.ClassBase{}, false
}

// knownBase: an SDK or runtime module whose classes are the bases rules
// know by name. Its source is not followed even when the workspace holds
// it (the Agents SDK's own repository links "agents" to packages/agents).
func knownBase(module string) bool {
	b := sdk.ClassBase{Module: module}
	return b.IsPartyServer() || module == "@cloudflare/containers" || strings.HasPrefix(module, "cloudflare:")
}

// pkgExport is a name a module re-exports from a package outside the
// project (installed in node_modules, or not found).
type pkgExport struct{ Module, Name string }

// exported finds the class a project module exports as name, following
// `export { X } from` and `export *` through the project and workspace
// packages; pkg is set when the chain ends in a package outside them.
func (ci *ClassIndex) exported(file, name string, hops int) (ClassDecl, bool, pkgExport) {
	sf := ci.p.Facts(file)
	if sf == nil || hops > maxClassDepth || inNodeModules(file) {
		return ClassDecl{}, false, pkgExport{}
	}
	for _, c := range sf.Classes {
		if c.Name == name && (c.Exported || exportsName(sf, name)) || name == "default" && c.Exported && isDefaultExport(sf, c) {
			return ClassDecl{c, file}, true, pkgExport{}
		}
	}
	for _, r := range sf.ReExports {
		if r.As != name {
			continue
		}
		target := ci.p.ResolveModule(file, r.Module)
		if knownBase(r.Module) || target == "" || inNodeModules(target) {
			if !strings.HasPrefix(r.Module, ".") {
				return ClassDecl{}, false, pkgExport{r.Module, r.Name}
			}
			return ClassDecl{}, false, pkgExport{}
		}
		return ci.exported(target, r.Name, hops+1)
	}
	for _, nv := range sf.Entry.Named {
		if nv.Name == name {
			if c, ok := ci.classOfValue(file, sf, nv.Value, hops+1); ok {
				return c, true, pkgExport{}
			}
		}
	}
	for _, spec := range sf.StarExports {
		if target := ci.p.ResolveModule(file, spec); target != "" && !knownBase(spec) {
			if c, ok, pkg := ci.exported(target, name, hops+1); ok || pkg.Module != "" {
				return c, ok, pkg
			}
		}
	}
	return ClassDecl{}, false, pkgExport{}
}

// classOfValue finds the project class an exported value is: an imported
// class (import { A as B }; export { B }), a local one, or the class a
// wrapper call is given (Sentry.instrumentDurableObjectWithSentry(opts,
// A), a mixin), whose result extends it.
func (ci *ClassIndex) classOfValue(file string, sf *jscode.SourceFacts, ref jscode.ValueRef, hops int) (ClassDecl, bool) {
	v := sf.Entry.Value(ref)
	if v == nil || hops > maxClassDepth {
		return ClassDecl{}, false
	}
	switch v.Kind {
	case jscode.ValueImport:
		target := ci.p.ResolveModule(file, v.Module)
		if v.Name == "*" || target == "" || knownBase(v.Module) || inNodeModules(target) {
			return ClassDecl{}, false
		}
		c, ok, _ := ci.exported(target, v.Name, hops+1)
		return c, ok
	case jscode.ValueClass:
		return ci.declaredIn(file, v.ClassName)
	case jscode.ValueCall:
		for _, arg := range v.Args {
			if c, ok := ci.classOfValue(file, sf, arg, hops+1); ok {
				return c, true
			}
		}
	}
	return ClassDecl{}, false
}

// declaredIn finds a class declared in file (exported or not).
func (ci *ClassIndex) declaredIn(file, name string) (ClassDecl, bool) {
	if sf := ci.p.Facts(file); sf != nil {
		for _, c := range sf.Classes {
			if c.Name == name {
				return ClassDecl{c, file}, true
			}
		}
	}
	return ClassDecl{}, false
}

func exportsName(sf *jscode.SourceFacts, name string) bool {
	for _, ex := range sf.Exports {
		if ex.Name == name {
			return true
		}
	}
	return false
}

// isDefaultExport: `export default class C`, whose default export fact is
// placed at the class's name.
func isDefaultExport(sf *jscode.SourceFacts, c jscode.ClassFact) bool {
	for _, ex := range sf.Exports {
		if ex.Name == "default" && ex.Span.Valid() && ex.Span == c.Span {
			return true
		}
	}
	return false
}

func inNodeModules(path string) bool {
	return strings.Contains(filepath.ToSlash(path), "/node_modules/")
}

// ExportedAs says how the declaring module exports a class declaration:
// its own name (`export class X`, `export { X }`), "default" (`export
// default class X`), or "" when the module does not export it.
func (ci *ClassIndex) ExportedAs(d ClassDecl) string {
	sf := ci.p.Facts(d.File)
	switch {
	case sf == nil:
		return ""
	case d.Exported && isDefaultExport(sf, d.ClassFact):
		return "default"
	case d.Exported || exportsName(sf, d.Name):
		return d.Name
	}
	return ""
}
