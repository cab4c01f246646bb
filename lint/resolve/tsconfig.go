package resolve

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"
)

// tsconfig is what module resolution takes from a tsconfig.json (or
// jsconfig.json) and the chain of files it extends.
type tsconfig struct {
	path    string
	baseURL string // absolute; "" when unset
	// pathsBase is the folder of the file that declared paths: targets are
	// relative to it unless baseUrl is set.
	pathsBase string
	paths     *tsPaths
}

type tsPaths struct {
	keys    []string // in file order
	targets map[string][]string
}

// tsResult is a parsed tsconfig chain with what went wrong reading it.
type tsResult struct {
	cfg      *tsconfig
	problems []Problem
}

// errCycle marks an "extends" chain that comes back to a file.
var errCycle = errors.New("extends cycle")

// loadTSConfig reads the tsconfig at file and the files it extends.
// configDir is the folder of the file the chain started from (for
// "${configDir}"). A missing file is fs.ErrNotExist; a file that does not
// parse is reported in problems and gives no config.
func (r *Resolver) loadTSConfig(file, configDir string, visited map[string]bool, problems *[]Problem) (*tsconfig, error) {
	if real := r.files.realPath(file); real != "" {
		file = real
	}
	if visited[file] {
		return nil, errCycle
	}
	f, err := r.files.read(file)
	if err != nil {
		return nil, err
	}
	v, perr := parseJSON(f.Data, false)
	if perr != nil {
		*problems = append(*problems, Problem{Path: file, Start: perr.Offset, End: perr.Offset + perr.Length, Text: perr.Msg})
		return nil, errParsed
	}
	visited[file] = true
	defer func() { visited[file] = false }()
	dir := filepath.Dir(file)
	out := &tsconfig{path: file}
	apply := func(base *tsconfig) {
		if base.baseURL != "" {
			out.baseURL = base.baseURL
		}
		if base.paths != nil {
			out.paths, out.pathsBase = base.paths, base.pathsBase
		}
	}
	if ext := v.get("extends"); ext != nil {
		var list []string
		switch ext.kind {
		case jsonString:
			list = []string{ext.str}
		case jsonArray:
			for _, item := range ext.arr {
				if item.kind == jsonString {
					list = append(list, item.str)
				}
			}
		}
		for _, e := range list {
			if base := r.extendsTSConfig(e, file, configDir, visited, problems); base != nil {
				apply(base)
			}
		}
	}
	co := v.get("compilerOptions")
	if s, ok := co.getString("baseUrl"); ok {
		s = withConfigDir(s, configDir)
		if !filepath.IsAbs(s) {
			s = filepath.Join(dir, filepath.FromSlash(s))
		}
		out.baseURL = s
	}
	if p := co.get("paths"); p != nil && p.kind == jsonObject {
		out.pathsBase = dir
		out.paths = &tsPaths{targets: map[string][]string{}}
		for i, key := range p.keys {
			if strings.Count(key, "*") > 1 {
				continue
			}
			arr := p.vals[i]
			if arr.kind != jsonArray {
				continue
			}
			if _, seen := out.paths.targets[key]; !seen {
				out.paths.keys = append(out.paths.keys, key)
			}
			for _, t := range arr.arr {
				if t.kind == jsonString && strings.Count(t.str, "*") <= 1 {
					out.paths.targets[key] = append(out.paths.targets[key], withConfigDir(t.str, configDir))
				}
			}
		}
	}
	return out, nil
}

// errParsed: the file did not parse; the problem is already recorded.
var errParsed = errors.New("tsconfig does not parse")

func withConfigDir(value, configDir string) string {
	if rest, ok := strings.CutPrefix(value, "${configDir}"); ok {
		return filepath.Join(configDir, "./"+rest)
	}
	return value
}

// extendsTSConfig finds and reads the base config named by "extends": a
// path (".json" added when missing), or a package in node_modules (its
// "tsconfig" field, its "exports", or a file in it), as TypeScript does.
// A base that cannot be found is skipped (esbuild only warns).
func (r *Resolver) extendsTSConfig(extends, from, configDir string, visited map[string]bool, problems *[]Problem) *tsconfig {
	fileDir := filepath.Dir(from)
	finish := func(base *tsconfig, err error) (*tsconfig, bool) {
		switch {
		case err == nil:
			return base, true
		case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
			return nil, false
		case err == errCycle || err == errParsed:
			return nil, true
		}
		*problems = append(*problems, Problem{Path: from, Start: -1, Text: "cannot read the base config " + quote(extends) + " of " + r.files.fs.Rel(from) + ": " + err.Error()})
		return nil, true
	}
	if isPackagePath(extends) && !filepath.IsAbs(extends) {
		name, subpath, ok := parsePackageName(extends)
		for cur := fileDir; ; {
			if filepath.Base(cur) != "node_modules" {
				join := filepath.Join(cur, "node_modules", filepath.FromSlash(extends))
				pkgDir := filepath.Join(cur, "node_modules", filepath.FromSlash(name))
				if pj := r.readPackageJSONFile(filepath.Join(pkgDir, "package.json"), problems); ok && pj != nil {
					if pj.tsconfig != "" {
						join = pj.tsconfig
						if !filepath.IsAbs(join) {
							join = filepath.Join(pkgDir, filepath.FromSlash(join))
						}
					}
					if pj.exports != nil {
						res, st := postConditions(exportsResolve(subpath, *pj.exports, conditions(KindRequire)))
						if st == pjExact || st == pjExactEndsWithStar {
							if base, done := finish(r.loadTSConfig(filepath.Join(pkgDir, filepath.FromSlash(res)), configDir, visited, problems)); done {
								return base
							}
						}
					}
				}
				for _, cand := range []string{filepath.Join(join, "tsconfig.json"), join, join + ".json"} {
					if r.isDir(cand) {
						continue
					}
					if base, done := finish(r.loadTSConfig(cand, configDir, visited, problems)); done {
						return base
					}
				}
			}
			next := filepath.Dir(cur)
			if next == cur {
				return nil
			}
			cur = next
		}
	}
	file := extends
	if file == "." || file == ".." {
		file += "/tsconfig.json"
	}
	if !filepath.IsAbs(file) {
		file = filepath.Join(fileDir, filepath.FromSlash(file))
	}
	base, err := r.loadTSConfig(file, configDir, visited, problems)
	if err != nil && !strings.HasSuffix(file, ".json") && !r.isFile(file) && r.isFile(file+".json") {
		base, err = r.loadTSConfig(file+".json", configDir, visited, problems)
	}
	b, _ := finish(base, err)
	return b
}

// finalizePaths drops, in the config a folder uses, the paths targets
// that need a baseUrl when there is none (TypeScript's rule: without
// baseUrl, targets must be relative or absolute).
func finalizePaths(cfg *tsconfig) {
	if cfg == nil || cfg.paths == nil || cfg.baseURL != "" {
		return
	}
	kept := &tsPaths{keys: cfg.paths.keys, targets: map[string][]string{}}
	for k, ts := range cfg.paths.targets {
		for _, t := range ts {
			if validWithoutBaseURL(t) {
				kept.targets[k] = append(kept.targets[k], t)
			}
		}
	}
	cfg.paths = kept
}

func validWithoutBaseURL(t string) bool {
	switch {
	case t == "." || t == "..":
		return true
	case strings.HasPrefix(t, "./") || strings.HasPrefix(t, "../") || strings.HasPrefix(t, ".\\") || strings.HasPrefix(t, "..\\"):
		return true
	case strings.HasPrefix(t, "/") || strings.HasPrefix(t, "\\"):
		return true
	case len(t) >= 3 && (t[0] >= 'a' && t[0] <= 'z' || t[0] >= 'A' && t[0] <= 'Z') && t[1] == ':' && (t[2] == '/' || t[2] == '\\'):
		return true
	}
	return false
}

// matchPaths tries the tsconfig "paths" for spec, as TypeScript (and
// esbuild) do: an exact key first, else the pattern with the longest
// prefix (then the longest suffix); its targets in order, skipping .d.ts.
// found is false when no key matches, or none of the matched key's
// targets exists.
func (q *query) matchPaths(cfg *tsconfig, spec string) (res found, ok bool) {
	base := cfg.pathsBase
	if cfg.baseURL != "" {
		base = cfg.baseURL
	}
	try := func(t string) (found, bool) {
		if len(t) >= 5 && strings.EqualFold(t[len(t)-5:], ".d.ts") {
			return found{}, false
		}
		if !filepath.IsAbs(t) {
			t = filepath.Join(base, filepath.FromSlash(t))
		}
		return q.loadAsFileOrDirectory(t)
	}
	if targets, exact := cfg.paths.targets[spec]; exact {
		for _, t := range targets {
			if res, ok := try(t); ok {
				return res, true
			}
		}
		return found{}, false
	}
	bestPrefix, bestSuffix, bestKey := -1, -1, ""
	for _, key := range cfg.paths.keys {
		star := strings.IndexByte(key, '*')
		if star < 0 {
			continue
		}
		prefix, suffix := key[:star], key[star+1:]
		if strings.HasPrefix(spec, prefix) && strings.HasSuffix(spec, suffix) && len(spec) >= len(prefix)+len(suffix) &&
			(len(prefix) > bestPrefix || len(prefix) == bestPrefix && len(suffix) > bestSuffix) {
			bestPrefix, bestSuffix, bestKey = len(prefix), len(suffix), key
		}
	}
	if bestPrefix < 0 {
		return found{}, false
	}
	middle := spec[bestPrefix : len(spec)-bestSuffix]
	for _, t := range cfg.paths.targets[bestKey] {
		if res, ok := try(strings.Replace(t, "*", middle, 1)); ok {
			return res, true
		}
	}
	return found{}, false
}
