package project

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"sync"

	"github.com/tailscale/hujson"
	"github.com/wranglint/wranglint/lint/source"
)

// Module specifiers that are not relative: a tsconfig `paths` alias
// ("@/lib/agents") or a package of the workspace installed in
// node_modules. What bundlers do, in the small: enough to follow a
// constant or a wrapper to its module.

// tsconfigPaths is one tsconfig's `paths`, resolved against its baseUrl.
type tsconfigPaths struct {
	base  string              // absolute folder the targets are relative to
	paths map[string][]string // pattern -> targets, as written
}

// resolver caches what it read while loading.
type resolver struct {
	mu        sync.Mutex
	tsconfigs map[string]*tsconfigPaths // by folder: the nearest tsconfig's paths (nil: none)
}

// resolveBare resolves a non-relative specifier from the file from.
func (p *Project) resolveBare(from, spec string) string {
	if ts := p.tsconfigFor(filepath.Dir(from)); ts != nil {
		for _, target := range ts.match(spec) {
			if path := p.resolveFile(filepath.Join(ts.base, filepath.FromSlash(target))); path != "" {
				return path
			}
		}
	}
	return p.resolvePackage(from, spec)
}

// match returns the targets a specifier maps to, best pattern first
// (the longest prefix before "*", as TypeScript picks).
func (ts *tsconfigPaths) match(spec string) []string {
	var out []string
	best := -1
	for pattern, targets := range ts.paths {
		prefix, suffix, star := strings.Cut(pattern, "*")
		switch {
		case !star && pattern == spec:
			return targets
		case star && strings.HasPrefix(spec, prefix) && strings.HasSuffix(spec, suffix) && len(prefix) > best:
			best = len(prefix)
			middle := spec[len(prefix) : len(spec)-len(suffix)]
			out = out[:0]
			for _, t := range targets {
				out = append(out, strings.Replace(t, "*", middle, 1))
			}
		}
	}
	return out
}

// tsconfigFor finds the nearest tsconfig.json at or above dir that
// declares paths.
func (p *Project) tsconfigFor(dir string) *tsconfigPaths {
	p.resolver.mu.Lock()
	defer p.resolver.mu.Unlock()
	if ts, ok := p.resolver.tsconfigs[dir]; ok {
		return ts
	}
	var found *tsconfigPaths
	if ts, ok := p.readTsconfig(filepath.Join(dir, "tsconfig.json")); ok {
		found = ts
	} else if parent := filepath.Dir(dir); parent != dir && !p.Files.Exists(filepath.Join(dir, ".git")) {
		p.resolver.mu.Unlock()
		found = p.tsconfigFor(parent)
		p.resolver.mu.Lock()
	}
	p.resolver.tsconfigs[dir] = found
	return found
}

// readTsconfig reads compilerOptions.baseUrl and paths (following one
// relative "extends" for them).
func (p *Project) readTsconfig(path string) (*tsconfigPaths, bool) {
	f, err := p.Files.Read(path)
	if err != nil {
		return nil, false
	}
	var doc struct {
		Extends         string `json:"extends"`
		CompilerOptions struct {
			BaseURL string              `json:"baseUrl"`
			Paths   map[string][]string `json:"paths"`
		} `json:"compilerOptions"`
	}
	std, err := hujson.Standardize(append([]byte(nil), f.Data...))
	if err != nil || json.Unmarshal(std, &doc) != nil {
		return nil, false
	}
	dir := filepath.Dir(path)
	if len(doc.CompilerOptions.Paths) == 0 {
		if strings.HasPrefix(doc.Extends, ".") {
			return p.readTsconfig(filepath.Join(dir, filepath.FromSlash(doc.Extends)))
		}
		return nil, false
	}
	return &tsconfigPaths{base: filepath.Join(dir, filepath.FromSlash(doc.CompilerOptions.BaseURL)), paths: doc.CompilerOptions.Paths}, true
}

// resolvePackage finds a package in node_modules (a workspace package is
// linked there) and its entry: exports ".", source, types, module, main.
func (p *Project) resolvePackage(from, spec string) string {
	name, sub := packageName(spec)
	if name == "" {
		return ""
	}
	var out string
	source.WalkUp(filepath.Dir(from), func(d string) bool {
		if !p.Files.IsDir(filepath.Join(d, "node_modules")) {
			return false
		}
		dir := filepath.Join(d, "node_modules", filepath.FromSlash(name))
		f, err := p.Files.Read(filepath.Join(dir, "package.json"))
		if err != nil {
			return false
		}
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			dir = real
		}
		out = p.packageEntry(dir, f.Data, sub)
		return true
	})
	return out
}

// packageName splits "@scope/pkg/sub" into "@scope/pkg" and "sub".
func packageName(spec string) (string, string) {
	parts := strings.SplitN(spec, "/", 3)
	if strings.HasPrefix(spec, "@") {
		if len(parts) < 2 {
			return "", ""
		}
		if len(parts) == 3 {
			return parts[0] + "/" + parts[1], parts[2]
		}
		return parts[0] + "/" + parts[1], ""
	}
	return parts[0], strings.Join(parts[1:], "/")
}

// packageEntry picks the file a package exposes for sub ("" for the
// package itself), preferring sources over built files.
func (p *Project) packageEntry(dir string, pkgJSON []byte, sub string) string {
	var pkg struct {
		Source, Types, Typings, Module, Main string
		Exports                              json.RawMessage
	}
	if json.Unmarshal(pkgJSON, &pkg) != nil {
		return ""
	}
	var cands []string
	if sub != "" {
		cands = append(cands, exportTargets(pkg.Exports, "./"+sub)...)
		cands = append(cands, sub, "src/"+sub)
	} else {
		cands = append(cands, exportTargets(pkg.Exports, ".")...)
		cands = append(cands, pkg.Source, pkg.Module, pkg.Main, pkg.Types, pkg.Typings, "src/index", "index")
	}
	for _, c := range cands {
		if c == "" {
			continue
		}
		if path := p.resolveFile(filepath.Join(dir, filepath.FromSlash(c))); path != "" {
			return path
		}
	}
	return ""
}

// exportTargets reads the targets of one subpath of package.json
// "exports" (a string, or conditions with strings), in file order of
// preference: source-like conditions first.
func exportTargets(raw json.RawMessage, subpath string) []string {
	var exports any
	if len(raw) == 0 || json.Unmarshal(raw, &exports) != nil {
		return nil
	}
	if m, ok := exports.(map[string]any); ok {
		if v, ok := m[subpath]; ok {
			exports = v
		} else if subpath != "." || hasSubpaths(m) {
			return nil
		}
	} else if subpath != "." {
		return nil
	}
	var out []string
	collectTargets(exports, &out, 0)
	return out
}

func hasSubpaths(m map[string]any) bool {
	for k := range m {
		if strings.HasPrefix(k, ".") {
			return true
		}
	}
	return false
}

func collectTargets(v any, out *[]string, depth int) {
	if depth > 4 {
		return
	}
	switch t := v.(type) {
	case string:
		*out = append(*out, t)
	case map[string]any:
		for _, cond := range []string{"source", "workerd", "worker", "import", "module", "default", "types", "require"} {
			if sub, ok := t[cond]; ok {
				collectTargets(sub, out, depth+1)
			}
		}
	}
}
