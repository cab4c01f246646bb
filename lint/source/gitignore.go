package source

import (
	"path"
	"path/filepath"
	"strings"
)

// ignoreRule is one line of a .gitignore file.
type ignoreRule struct {
	parts    []string // the pattern split at "/" (anchored) or one basename glob
	stars    bool     // parts holds "**": it matches paths of any depth
	literal  bool     // no glob characters: compared as a string
	negate   bool
	dirOnly  bool
	anchored bool // contains a slash other than a trailing one: match from the file's folder
}

// ignoreLevel is the rules of one .gitignore file, chained to the levels
// of the folders above it.
type ignoreLevel struct {
	parent   *ignoreLevel
	base     string // slash path of the folder holding the file, relative to the walk root
	segs     int    // the number of names in base
	nested   bool   // parent.base is base or a folder above it
	rules    []ignoreRule
	literals map[string]bool // basename literals when the file has no negation
}

// withFile returns the chain extended by the .gitignore in dir, if any.
func (fs *FileSet) withIgnoreFile(parent *ignoreLevel, dir, rel string) *ignoreLevel {
	f, err := fs.ReadLimited(filepath.Join(dir, ".gitignore"), 1<<20)
	if err != nil {
		return parent
	}
	lvl := &ignoreLevel{parent: parent, base: rel, segs: segments(rel),
		nested: parent == nil || parent.base == "" || len(rel) > len(parent.base) && rel[len(parent.base)] == '/' && strings.HasPrefix(rel, parent.base)}
	negations := false
	for _, line := range strings.Split(string(f.Data), "\n") {
		if r, ok := parseIgnoreLine(line); ok {
			lvl.rules = append(lvl.rules, r)
			negations = negations || r.negate
		}
	}
	if !negations {
		lvl.literals = map[string]bool{}
		kept := lvl.rules[:0]
		for _, r := range lvl.rules {
			if r.literal && !r.anchored && !r.dirOnly {
				lvl.literals[r.parts[0]] = true
			} else {
				kept = append(kept, r)
			}
		}
		lvl.rules = kept
	}
	if len(lvl.rules) == 0 && len(lvl.literals) == 0 {
		return parent
	}
	return lvl
}

func parseIgnoreLine(line string) (ignoreRule, bool) {
	line = strings.TrimRight(line, "\r")
	if !strings.HasSuffix(line, `\ `) {
		line = strings.TrimRight(line, " ")
	}
	if line == "" || strings.HasPrefix(line, "#") {
		return ignoreRule{}, false
	}
	var r ignoreRule
	if strings.HasPrefix(line, "!") {
		r.negate, line = true, line[1:]
	}
	line = strings.TrimPrefix(line, `\`)
	if strings.HasSuffix(line, "/") {
		r.dirOnly, line = true, strings.TrimSuffix(line, "/")
	}
	r.anchored = strings.Contains(line, "/")
	line = strings.TrimPrefix(line, "/")
	if line == "" {
		return ignoreRule{}, false
	}
	if r.anchored {
		r.parts = collapseStars(strings.Split(line, "/"))
		for _, p := range r.parts {
			r.stars = r.stars || p == "**"
		}
	} else {
		r.parts = []string{line}
	}
	r.literal = !strings.ContainsAny(line, `*?[\`)
	return r, true
}

// collapseStars merges runs of "**": "a/**/**/b" means "a/**/b".
func collapseStars(parts []string) []string {
	out := parts[:0]
	for _, p := range parts {
		if p == "**" && len(out) > 0 && out[len(out)-1] == "**" {
			continue
		}
		out = append(out, p)
	}
	return out
}

// ignored reports whether rel (slash path from the walk root) is ignored.
// The last matching rule decides, as in git: the innermost file first,
// each file's lines from the last. A check costs time linear in the
// number of levels and the path's length, however deep the path: rel is
// split once, and a level known to hold an inner one is not compared.
func (l *ignoreLevel) ignored(rel string, isDir bool) bool {
	base := path.Base(rel)
	var names []string // rel split at "/", on first need
	below := false     // rel lies below lvl.base: an inner level matched and is nested in it
	for lvl := l; lvl != nil; lvl = lvl.parent {
		skip := 0 // names of rel in lvl.base
		if lvl.base != "" {
			if !below && !(len(rel) > len(lvl.base) && rel[len(lvl.base)] == '/' && rel[:len(lvl.base)] == lvl.base) {
				continue
			}
			if skip = lvl.segs; skip == 0 {
				skip = segments(lvl.base)
			}
		}
		below = lvl.nested
		for i := len(lvl.rules) - 1; i >= 0; i-- {
			r := &lvl.rules[i]
			if r.dirOnly && !isDir {
				continue
			}
			if !r.anchored {
				if r.literal && r.parts[0] == base || !r.literal && globSegment(r.parts[0], base) {
					return !r.negate
				}
				continue
			}
			if names == nil {
				names = strings.Split(rel, "/")
			}
			sub := names[min(skip, len(names)):]
			if (r.stars || len(r.parts) == len(sub)) && globParts(r.parts, sub) {
				return !r.negate
			}
		}
		if lvl.literals[base] {
			return true
		}
	}
	return false
}

// segments counts the names of a slash path ("" has none).
func segments(p string) int {
	if p == "" {
		return 0
	}
	return strings.Count(p, "/") + 1
}

// globParts matches path segments against pattern segments where "**"
// spans any number of folders. It is a dynamic programme over the two
// lists: linear in their product, never exponential, however many "**".
func globParts(ps, ns []string) bool {
	// reach[j]: the pattern so far can end just before name segment j.
	reach := make([]bool, len(ns)+1)
	next := make([]bool, len(ns)+1)
	reach[0] = true
	for _, p := range ps {
		clear(next)
		if p == "**" {
			on := false
			for j := range reach {
				on = on || reach[j]
				next[j] = on
			}
		} else {
			for j := 0; j < len(ns); j++ {
				if reach[j] && globSegment(p, ns[j]) {
					next[j+1] = true
				}
			}
		}
		reach, next = next, reach
	}
	return reach[len(ns)]
}

func globSegment(pattern, name string) bool {
	ok, err := path.Match(pattern, name)
	return err == nil && ok
}

// GitIgnored reports whether path is ignored by the .gitignore files
// between its repository's root (the nearest folder above it holding .git,
// or outside a checkout the outermost one holding a .gitignore) and its
// own folder: generated files such as a build's output are.
func (fs *FileSet) GitIgnored(p string) bool {
	if fs.Tracked(p) {
		return false // a tracked file is never ignored
	}
	root, outermost := "", ""
	WalkUp(filepath.Dir(p), func(d string) bool {
		if fs.Exists(filepath.Join(d, ".git")) {
			root = d
			return true
		}
		if fs.IsFile(filepath.Join(d, ".gitignore")) {
			outermost = d
		}
		return false
	})
	if root == "" {
		// not a checkout (an archive, a copy): the outermost folder with a
		// .gitignore stands in for the repository's root
		root = outermost
	}
	if root == "" {
		return false
	}
	rel, err := filepath.Rel(root, p)
	if err != nil || !Within(root, p) {
		return false
	}
	slash := filepath.ToSlash(rel)
	lvl := fs.withIgnoreFile(nil, root, "")
	for start := 0; start <= len(slash); {
		// each folder on the way down, then the file: prefixes of slash
		end := strings.IndexByte(slash[start:], '/')
		if end < 0 {
			end = len(slash)
		} else {
			end += start
		}
		start = end + 1
		sub := slash[:end]
		isDir := end < len(slash)
		if lvl.ignored(sub, isDir) {
			return true
		}
		if isDir {
			lvl = fs.withIgnoreFile(lvl, filepath.Join(root, filepath.FromSlash(sub)), sub)
		}
	}
	return false
}
