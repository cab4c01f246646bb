package lint

import (
	"os"
	"path"
	"path/filepath"
	"strings"
)

// ignoreRule is one line of a .gitignore file.
type ignoreRule struct {
	base     string // slash path of the folder holding the .gitignore, relative to the walk root
	pattern  string
	negate   bool
	dirOnly  bool
	anchored bool // contains a slash other than a trailing one: match from base
}

// ignoreSet is the stack of .gitignore rules in force for one folder.
type ignoreSet struct {
	rules []ignoreRule
}

// withFile returns the set extended by the .gitignore in dir, if any.
func (s *ignoreSet) withFile(dir, rel string) *ignoreSet {
	data, err := os.ReadFile(filepath.Join(dir, ".gitignore"))
	if err != nil {
		return s
	}
	out := &ignoreSet{rules: append([]ignoreRule(nil), s.rules...)}
	for _, line := range strings.Split(string(data), "\n") {
		if r, ok := parseIgnoreLine(line, rel); ok {
			out.rules = append(out.rules, r)
		}
	}
	return out
}

func parseIgnoreLine(line, base string) (ignoreRule, bool) {
	line = strings.TrimRight(line, "\r")
	if !strings.HasSuffix(line, `\ `) {
		line = strings.TrimRight(line, " ")
	}
	if line == "" || strings.HasPrefix(line, "#") {
		return ignoreRule{}, false
	}
	r := ignoreRule{base: base}
	if strings.HasPrefix(line, "!") {
		r.negate, line = true, line[1:]
	}
	line = strings.TrimPrefix(line, `\`)
	if strings.HasSuffix(line, "/") {
		r.dirOnly, line = true, strings.TrimSuffix(line, "/")
	}
	r.anchored = strings.Contains(line, "/")
	r.pattern = strings.TrimPrefix(line, "/")
	return r, r.pattern != ""
}

// ignored reports whether rel (slash path from the walk root) is ignored.
// The last matching rule decides, as in git.
func (s *ignoreSet) ignored(rel string, isDir bool) bool {
	result := false
	for _, r := range s.rules {
		if r.dirOnly && !isDir {
			continue
		}
		sub := rel
		if r.base != "" {
			if !strings.HasPrefix(rel, r.base+"/") {
				continue
			}
			sub = rel[len(r.base)+1:]
		}
		if r.matches(sub) {
			result = !r.negate
		}
	}
	return result
}

func (r ignoreRule) matches(sub string) bool {
	if r.anchored {
		return globPath(r.pattern, sub)
	}
	return globSegment(r.pattern, path.Base(sub))
}

// globPath matches slash-separated patterns where "**" spans folders.
func globPath(pattern, name string) bool {
	ps, ns := strings.Split(pattern, "/"), strings.Split(name, "/")
	return globParts(ps, ns)
}

func globParts(ps, ns []string) bool {
	for len(ps) > 0 {
		if ps[0] == "**" {
			for i := 0; i <= len(ns); i++ {
				if globParts(ps[1:], ns[i:]) {
					return true
				}
			}
			return false
		}
		if len(ns) == 0 || !globSegment(ps[0], ns[0]) {
			return false
		}
		ps, ns = ps[1:], ns[1:]
	}
	return len(ns) == 0
}

func globSegment(pattern, name string) bool {
	ok, err := path.Match(pattern, name)
	return err == nil && ok
}

// GitIgnored reports whether path is ignored by the .gitignore files
// between its repository's root (the nearest folder above it holding .git)
// and its own folder: generated files such as a build's output are.
func GitIgnored(path string) bool {
	root := ""
	walkUp(filepath.Dir(path), func(d string) bool {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			root = d
			return true
		}
		return false
	})
	if root == "" {
		return false
	}
	rel, err := filepath.Rel(root, path)
	if err != nil || startsWithDotDot(rel) {
		return false
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	set := (&ignoreSet{}).withFile(root, "")
	for i := range parts {
		sub := strings.Join(parts[:i+1], "/")
		isDir := i < len(parts)-1
		if set.ignored(sub, isDir) {
			return true
		}
		if isDir {
			set = set.withFile(filepath.Join(root, filepath.FromSlash(sub)), sub)
		}
	}
	return false
}
