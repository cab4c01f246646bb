package resolve

import (
	"net/url"
	"path"
	"sort"
	"strings"
)

// packageJSON is what resolution reads from a package.json.
type packageJSON struct {
	mainFields map[string]string // browser, module, main: string values only
	tsconfig   string            // the "tsconfig" field (for tsconfig "extends" of a package)
	raw        *jsonValue        // the whole file, for the source-like fields of ResolvePackage
	imports    *pjEntry          // the "imports" map, nil when absent
	exports    *pjEntry          // the "exports" map, nil when absent or null
}

// mainFields are wranglint's bundler's main fields, in order.
var mainFields = []string{"browser", "module", "main"}

func newPackageJSON(v *jsonValue) *packageJSON {
	pj := &packageJSON{mainFields: map[string]string{}, raw: v}
	pj.tsconfig, _ = v.getString("tsconfig")
	for _, f := range mainFields {
		if s, ok := v.getString(f); ok && s != "" {
			pj.mainFields[f] = s
		}
	}
	if im := v.get("imports"); im != nil {
		if e := newPJEntry(im); e.kind != pjNull {
			pj.imports = &e
		}
	}
	if ex := v.get("exports"); ex != nil {
		if e := newPJEntry(ex); e.kind != pjNull {
			pj.exports = &e
		}
	}
	return pj
}

// The "exports" and "imports" algorithm of Node.js, as esbuild implements
// it (https://nodejs.org/api/esm.html#resolution-algorithm-specification).

type pjKind uint8

const (
	pjNull pjKind = iota
	pjString
	pjArray
	pjObject
	pjInvalid
)

type pjEntry struct {
	kind      pjKind
	str       string
	arr       []pjEntry
	keys      []string
	vals      []pjEntry
	expansion []int // indexes of keys ending in "/" or holding "*", most specific first
}

func newPJEntry(v *jsonValue) pjEntry {
	switch v.kind {
	case jsonNull:
		return pjEntry{kind: pjNull}
	case jsonString:
		return pjEntry{kind: pjString, str: v.str}
	case jsonArray:
		e := pjEntry{kind: pjArray}
		for _, item := range v.arr {
			e.arr = append(e.arr, newPJEntry(item))
		}
		return e
	case jsonObject:
		e := pjEntry{kind: pjObject}
		for i, k := range v.keys {
			// An object mixing keys that start with "." and keys that do not
			// is an invalid package configuration.
			if i > 0 && strings.HasPrefix(k, ".") != strings.HasPrefix(v.keys[0], ".") {
				return pjEntry{kind: pjInvalid}
			}
			e.keys = append(e.keys, k)
			e.vals = append(e.vals, newPJEntry(v.vals[i]))
			if strings.HasSuffix(k, "/") || strings.Contains(k, "*") {
				e.expansion = append(e.expansion, i)
			}
		}
		sort.SliceStable(e.expansion, func(a, b int) bool { return expansionLess(e.keys[e.expansion[a]], e.keys[e.expansion[b]]) })
		return e
	}
	return pjEntry{kind: pjInvalid}
}

// expansionLess orders pattern keys by specificity (PATTERN_KEY_COMPARE).
func expansionLess(a, b string) bool {
	starA, starB := strings.IndexByte(a, '*'), strings.IndexByte(b, '*')
	baseA, baseB := len(a), len(b)
	if starA >= 0 {
		baseA = starA
	}
	if starB >= 0 {
		baseB = starB
	}
	if baseA != baseB {
		return baseA > baseB
	}
	if starA < 0 {
		return false
	}
	if starB < 0 {
		return true
	}
	return len(a) > len(b)
}

func (e pjEntry) keysStartWithDot() bool {
	return len(e.keys) > 0 && strings.HasPrefix(e.keys[0], ".")
}

func (e pjEntry) valueFor(key string) (pjEntry, bool) {
	for i, k := range e.keys {
		if k == key {
			return e.vals[i], true
		}
	}
	return pjEntry{}, false
}

type pjStatus uint8

const (
	pjUndefined pjStatus = iota
	pjNullTarget
	pjExact
	pjExactEndsWithStar
	pjInexact        // resolved against a key ending in "/": try extensions
	pjPackageResolve // "imports" mapped to a package: resolve that
	pjInvalidTarget  // an invalid target: an array tries its next item
	pjFailed         // any other error: not exported, invalid specifier, ...
)

// conditions are the active "exports" conditions: wranglint's bundler
// sets workerd, worker and browser on the neutral platform; "import" or
// "require" depends on the import.
func conditions(kind Kind) map[string]bool {
	c := map[string]bool{"default": true, "workerd": true, "worker": true, "browser": true}
	if kind == KindRequire {
		c["require"] = true
	} else {
		c["import"] = true
	}
	return c
}

// exportsResolve resolves subpath ("." or "./x") against "exports".
func exportsResolve(subpath string, exports pjEntry, conds map[string]bool) (string, pjStatus) {
	if exports.kind == pjInvalid {
		return "", pjFailed
	}
	if subpath == "." {
		var main pjEntry
		switch {
		case exports.kind == pjString || exports.kind == pjArray || exports.kind == pjObject && !exports.keysStartWithDot():
			main = exports
		case exports.kind == pjObject:
			main, _ = exports.valueFor(".")
		}
		if main.kind != pjNull {
			if r, st := targetResolve("/", main, "", false, false, conds); st != pjNullTarget && st != pjUndefined {
				return r, st
			}
		}
	} else if exports.kind == pjObject && exports.keysStartWithDot() {
		if r, st := importsExportsResolve(subpath, exports, "/", false, conds); st != pjNullTarget && st != pjUndefined {
			return r, st
		}
	}
	return "", pjFailed
}

// importsResolve resolves "#x" against "imports".
func importsResolve(spec string, imports pjEntry, conds map[string]bool) (string, pjStatus) {
	if imports.kind != pjObject {
		return "", pjFailed
	}
	r, st := importsExportsResolve(spec, imports, "/", true, conds)
	if st == pjNullTarget || st == pjUndefined {
		return "", pjFailed
	}
	return r, st
}

func importsExportsResolve(matchKey string, m pjEntry, pkgURL string, isImports bool, conds map[string]bool) (string, pjStatus) {
	if !strings.HasSuffix(matchKey, "/") && !strings.Contains(matchKey, "*") {
		if target, ok := m.valueFor(matchKey); ok {
			return targetResolve(pkgURL, target, "", false, isImports, conds)
		}
	}
	for _, i := range m.expansion {
		key := m.keys[i]
		if star := strings.IndexByte(key, '*'); star >= 0 {
			base, trailer := key[:star], key[star+1:]
			if strings.HasPrefix(matchKey, base) && (trailer == "" || strings.HasSuffix(matchKey, trailer) && len(matchKey) >= len(key)) {
				sub := matchKey[len(base) : len(matchKey)-len(trailer)]
				return targetResolve(pkgURL, m.vals[i], sub, true, isImports, conds)
			}
		} else if strings.HasPrefix(matchKey, key) {
			r, st := targetResolve(pkgURL, m.vals[i], matchKey[len(key):], false, isImports, conds)
			if st == pjExact || st == pjExactEndsWithStar {
				st = pjInexact
			}
			return r, st
		}
	}
	return "", pjNullTarget
}

// invalidSegment reports a ".", ".." or "node_modules" segment after the
// first one.
func invalidSegment(p string) bool {
	slash := strings.IndexAny(p, "/\\")
	if slash < 0 {
		return false
	}
	for _, seg := range strings.FieldsFunc(p[slash+1:], func(r rune) bool { return r == '/' || r == '\\' }) {
		if seg == "." || seg == ".." || seg == "node_modules" {
			return true
		}
	}
	return false
}

func targetResolve(pkgURL string, target pjEntry, sub string, pattern, internal bool, conds map[string]bool) (string, pjStatus) {
	switch target.kind {
	case pjString:
		t := target.str
		if !pattern && sub != "" && !strings.HasSuffix(t, "/") {
			return "", pjFailed
		}
		if !strings.HasPrefix(t, "./") {
			if internal && !strings.HasPrefix(t, "../") && !strings.HasPrefix(t, "/") {
				if pattern {
					return strings.ReplaceAll(t, "*", sub), pjPackageResolve
				}
				return t + sub, pjPackageResolve
			}
			return "", pjInvalidTarget
		}
		if invalidSegment(t) {
			return "", pjInvalidTarget
		}
		if invalidSegment(sub) {
			return "", pjFailed
		}
		resolved := path.Join(pkgURL, t)
		if pattern {
			st := pjExact
			if strings.HasSuffix(resolved, "*") && strings.IndexByte(resolved, '*') == len(resolved)-1 {
				st = pjExactEndsWithStar
			}
			return strings.ReplaceAll(resolved, "*", sub), st
		}
		return path.Join(resolved, sub), pjExact
	case pjObject:
		for i, k := range target.keys {
			if k == "default" || conds[k] {
				r, st := targetResolve(pkgURL, target.vals[i], sub, pattern, internal, conds)
				if st == pjUndefined {
					continue
				}
				return r, st
			}
		}
		return "", pjUndefined
	case pjArray:
		if len(target.arr) == 0 {
			return "", pjNullTarget
		}
		last := pjUndefined
		for _, t := range target.arr {
			r, st := targetResolve(pkgURL, t, sub, pattern, internal, conds)
			if st == pjInvalidTarget || st == pjNullTarget {
				last = st
				continue
			}
			if st == pjUndefined {
				continue
			}
			return r, st
		}
		return "", last
	case pjNull:
		return "", pjNullTarget
	}
	return "", pjInvalidTarget
}

// postConditions rejects encoded slashes and folder targets, and decodes
// the path, as esbuild does after resolving a target.
func postConditions(resolved string, st pjStatus) (string, pjStatus) {
	if st != pjExact && st != pjExactEndsWithStar && st != pjInexact {
		return resolved, st
	}
	p, err := url.PathUnescape(resolved)
	if err != nil {
		return resolved, pjFailed
	}
	lower := strings.ToLower(resolved)
	if strings.Contains(lower, "%2f") || strings.Contains(lower, "%5c") {
		return resolved, pjFailed
	}
	if strings.HasSuffix(p, "/") || strings.HasSuffix(p, "\\") {
		return resolved, pjFailed
	}
	return p, st
}

// parsePackageName splits a bare specifier into the package's name and
// the subpath ("." or "./x"), as Node.js's ESM resolver does.
func parsePackageName(spec string) (name, subpath string, ok bool) {
	if spec == "" {
		return "", "", false
	}
	slash := strings.IndexByte(spec, '/')
	if !strings.HasPrefix(spec, "@") {
		if slash < 0 {
			slash = len(spec)
		}
		name = spec[:slash]
	} else {
		if slash < 0 {
			return "", "", false
		}
		rest := spec[slash+1:]
		slash2 := strings.IndexByte(rest, '/')
		if slash2 < 0 {
			slash2 = len(rest)
		}
		name = spec[:slash+1+slash2]
	}
	if strings.HasPrefix(name, ".") || strings.ContainsAny(name, "\\%") {
		return "", "", false
	}
	return name, "." + spec[len(name):], true
}
