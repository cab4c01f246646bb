package resolve

import (
	"path/filepath"
	"strings"

	"github.com/wranglint/wranglint/lint/source"
)

// ResolvePackage finds the script a specifier names from the file at
// importer, for following a value, a wrapper or a class to its source: the
// bundler's resolution when it reaches a script of the project; for a
// package (which the bundle leaves external), the package as installed or
// linked from the workspace in a node_modules folder at or above the
// importer (or, before install, the workspace package of that name), and
// in it the file its package.json exposes, preferring
// sources: "exports" with source-like conditions first, then the source,
// module, main, types and typings fields, src/index and index. "" when
// none is found (node:*, cloudflare:*, URLs, missing files).
func (r *Resolver) ResolvePackage(importer, spec string) string {
	if spec == "" {
		return ""
	}
	res := r.Resolve(importer, spec, KindImport)
	switch res.Status {
	case Found:
		if source.IsScript(res.Path) {
			return res.Path
		}
	case External:
		name := res.External
		if strings.HasPrefix(name, "node:") || strings.HasPrefix(name, "cloudflare:") || strings.Contains(name, "//") || !isPackagePath(name) {
			return ""
		}
		return r.packageEntry(filepath.Dir(importer), name)
	}
	return ""
}

// packageEntry looks for the package named by spec in the node_modules
// folders at and above dir, as Node.js does.
func (r *Resolver) packageEntry(dir, spec string) string {
	name, subpath, ok := parsePackageName(spec)
	if !ok {
		return ""
	}
	for cur := dir; ; {
		if filepath.Base(cur) != "node_modules" {
			if nm := r.listing(filepath.Join(cur, "node_modules")); nm.l != nil {
				pkgDir := filepath.Join(cur, "node_modules", filepath.FromSlash(name))
				var ignored []Problem
				if pj := r.readPackageJSONFile(filepath.Join(pkgDir, "package.json"), &ignored); pj != nil {
					return r.sourceEntry(r.files.realPath(pkgDir), pj, strings.TrimPrefix(subpath, "."))
				}
			}
		}
		up := filepath.Dir(cur)
		if up == cur {
			return r.workspaceEntry(dir, spec) // not installed: the workspace's own package
		}
		cur = up
	}
}

// sourceConditions are the "exports" conditions tried, in order: sources
// first (a workspace package exports its TypeScript), then what a Worker
// loads.
var sourceConditions = []string{"source", "workerd", "worker", "import", "module", "default", "types", "require"}

// sourceEntry picks the file a package exposes for sub ("" for the
// package itself, else "/x").
func (r *Resolver) sourceEntry(dir string, pj *packageJSON, sub string) string {
	var cands []string
	if pj.exports != nil {
		key := "." + sub
		e := *pj.exports
		switch {
		case e.kind == pjObject && e.keysStartWithDot():
			e, _ = e.valueFor(key)
		case key != ".":
			e = pjEntry{}
		}
		collectTargets(e, &cands, 0)
	}
	if sub != "" {
		s := strings.TrimPrefix(sub, "/")
		cands = append(cands, s, "src/"+s)
	} else {
		for _, f := range []string{"source", "module", "main", "types", "typings"} {
			if v, ok := pj.raw.getString(f); ok {
				cands = append(cands, v)
			}
		}
		cands = append(cands, "src/index", "index")
	}
	for _, c := range cands {
		if c == "" {
			continue
		}
		if p := r.scriptFile(filepath.Join(dir, filepath.FromSlash(c))); p != "" {
			return p
		}
	}
	return ""
}

// collectTargets lists the string targets of an "exports" entry, by
// sourceConditions.
func collectTargets(e pjEntry, out *[]string, depth int) {
	if depth > 4 {
		return
	}
	switch e.kind {
	case pjString:
		*out = append(*out, e.str)
	case pjArray:
		for _, a := range e.arr {
			collectTargets(a, out, depth+1)
		}
	case pjObject:
		for _, cond := range sourceConditions {
			if v, ok := e.valueFor(cond); ok {
				collectTargets(v, out, depth+1)
			}
		}
	}
}

// scriptExts are tried after a package file's name, then TypeScript's
// rewriting, then index files.
var scriptExts = []string{".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"}

// scriptFile finds the script base names: as is, with an extension, a
// TypeScript file for a .js name, or an index file of the folder.
func (r *Resolver) scriptFile(base string) string {
	cands := []string{base}
	for _, ext := range scriptExts {
		cands = append(cands, base+ext)
	}
	if stem, exts := rewrittenExts(filepath.Base(base)); exts != nil {
		for _, ext := range exts {
			cands = append(cands, filepath.Join(filepath.Dir(base), stem+ext))
		}
	}
	for _, ext := range scriptExts {
		cands = append(cands, filepath.Join(base, "index"+ext))
	}
	for _, c := range cands {
		if !source.IsScript(c) {
			continue
		}
		l := r.listing(filepath.Dir(c))
		if e, exact := l.l.lookup(filepath.Base(c)); exact && e.regular {
			return r.files.realPath(c)
		}
	}
	return ""
}
