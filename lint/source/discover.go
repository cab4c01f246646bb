package source

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// ConfigNames are wrangler's config file names, in wrangler's precedence.
var ConfigNames = []string{"wrangler.json", "wrangler.jsonc", "wrangler.toml"}

// IsConfigName reports whether a file name is one of wrangler's.
func IsConfigName(name string) bool {
	for _, n := range ConfigNames {
		if n == name {
			return true
		}
	}
	return false
}

// IsConfigArg reports whether a file named on the command line is read as
// a wrangler config: one of wrangler's names, or another wrangler*.json,
// .jsonc or .toml (a config passed to wrangler with -c). Any other file
// stands for the projects it belongs to.
func IsConfigArg(name string) bool {
	switch filepath.Ext(name) {
	case ".json", ".jsonc", ".toml":
		return strings.HasPrefix(name, "wrangler")
	}
	return false
}

// skipDirs are never entered.
var skipDirs = map[string]bool{"node_modules": true, ".git": true, ".wrangler": true}

// scriptExts are the JavaScript and TypeScript files wranglint reads, and
// the component files whose <script> blocks it reads.
var scriptExts = map[string]bool{".js": true, ".jsx": true, ".ts": true, ".tsx": true, ".mjs": true, ".mts": true, ".cjs": true, ".cts": true, ".svelte": true, ".vue": true, ".astro": true}

// IsScript reports whether path is a JavaScript or TypeScript file.
func IsScript(path string) bool { return scriptExts[filepath.Ext(path)] }

// Discovery is what a walk of the linted paths found.
type Discovery struct {
	Configs  []string // absolute paths
	Sources  []string // absolute paths of JS/TS files
	Problems []error  // unreadable folders, loops, paths that do not exist
	// RoutingConfigs are the other configs of the repository when only a
	// part of it is linted: their Workers count for routing (a client may
	// talk to another Worker's host) but are not reported on.
	RoutingConfigs []string
	// Candidates are files named like configs kept under other names
	// (wrangler.<x>.jsonc): the loader keeps those that read as one.
	Candidates []string
	// Enclosing maps a folder given that holds no config to the Worker
	// folder above it that was linted instead (as wrangler, run in a
	// subfolder, finds the config above).
	Enclosing map[string]string
	// IgnoredConfigs are configs that .gitignore hides and git does not
	// track (generated ones): not linted, but named when nothing else is.
	IgnoredConfigs []string
}

// Discover walks the given folders (or takes the given config files),
// honouring the file set's overlay: removed files are not found and files
// a rename created are. Any other file stands for the projects it belongs
// to (see discoverFileArg), as pre-commit passes staged file names.
func (s *FileSet) Discover(paths []string) *Discovery {
	d := &Discovery{}
	seenCfg, seenSrc := map[string]bool{}, map[string]bool{}
	var roots, subsets []string
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			d.Problems = append(d.Problems, err)
			continue
		}
		info, err := os.Stat(abs)
		s.journal.noteStat(abs, info, err)
		switch {
		case err != nil && s.IsFile(abs):
			d.addConfig(abs, seenCfg) // created in memory by a rename
		case err != nil:
			d.Problems = append(d.Problems, fmt.Errorf("%s: %w", p, unwrapPathError(err)))
		case info.IsDir() && IsConfigName(filepath.Base(abs)):
			d.Problems = append(d.Problems, fmt.Errorf("%s: is a folder, not a wrangler config file", p))
		case !info.IsDir() && IsConfigArg(filepath.Base(abs)):
			if !s.Removed(abs) {
				d.addConfig(abs, seenCfg)
			}
			// A config named directly still has its project's sources.
			s.walk(d, filepath.Dir(abs), seenCfg, seenSrc, false)
			subsets = append(subsets, filepath.Dir(abs))
		case !info.IsDir():
			roots = append(roots, s.discoverFileArg(d, abs, seenCfg, seenSrc)...)
		default:
			before := len(d.Configs)
			s.walk(d, abs, seenCfg, seenSrc, true)
			if len(d.Configs) == before {
				if dir := s.enclosingProject(d, abs, seenCfg, seenSrc); dir != "" {
					abs = dir
				}
			}
			roots = append(roots, abs)
			subsets = append(subsets, abs)
		}
	}
	s.addRoutingConfigs(d, subsets, seenCfg)
	for _, added := range s.Added() {
		for _, root := range roots {
			if IsConfigName(filepath.Base(added)) && Within(root, added) {
				d.addConfig(added, seenCfg)
			}
		}
	}
	sort.Strings(d.Configs)
	sort.Strings(d.Sources)
	d.Candidates = slices.DeleteFunc(d.Candidates, func(c string) bool { return seenCfg[c] })
	sort.Strings(d.Candidates)
	return d
}

// enclosingProject finds, for a folder holding no config, the nearest
// Worker folder above it (within its repository) and discovers that
// project instead; "" when there is none.
func (s *FileSet) enclosingProject(d *Discovery, dir string, seenCfg, seenSrc map[string]bool) string {
	bound := s.RepoRoot(dir)
	if bound == "" {
		bound, _ = os.UserHomeDir() // outside a repository, never above home
	}
	project := s.NearestProject(filepath.Join(dir, "."), bound)
	if project == "" || project == dir {
		return ""
	}
	if d.Enclosing == nil {
		d.Enclosing = map[string]string{}
	}
	d.Enclosing[dir] = project
	s.walk(d, project, seenCfg, seenSrc, true)
	return project
}

func (d *Discovery) addConfig(abs string, seen map[string]bool) {
	if !seen[abs] {
		seen[abs] = true
		d.Configs = append(d.Configs, abs)
	}
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// walk collects configs (when withConfigs) and sources below root. It does
// not follow symbolic links to folders, so link loops cannot trap it.
func (s *FileSet) walk(d *Discovery, root string, seenCfg, seenSrc map[string]bool, withConfigs bool) {
	ignores := map[string]*ignoreLevel{}
	ignores[root] = s.withIgnoreFile(nil, root, "")
	_ = filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		s.journal.noteWalk(root, p, e, err)
		if err != nil {
			d.Problems = append(d.Problems, fmt.Errorf("%s: %w", p, unwrapPathError(err)))
			if e != nil && e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p == root {
			if e.IsDir() {
				s.journal.noteEnter(p)
			}
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		set := ignores[filepath.Dir(p)]
		if e.IsDir() {
			if skipDirs[e.Name()] || set.ignored(rel, true) && !s.Tracked(p) {
				return fs.SkipDir
			}
			if withConfigs && IsConfigName(e.Name()) {
				d.Problems = append(d.Problems, fmt.Errorf("%s: is a folder, not a wrangler config file", p))
				return fs.SkipDir
			}
			ignores[p] = s.withIgnoreFile(set, p, rel)
			s.journal.noteEnter(p)
			return nil
		}
		if set.ignored(rel, false) && !s.Tracked(p) || s.Removed(p) {
			if withConfigs && IsConfigName(e.Name()) && !s.Removed(p) {
				d.IgnoredConfigs = append(d.IgnoredConfigs, p)
			}
			return nil // ignored, unless git tracks it all the same
		}
		s.collect(d, p, e, seenCfg, seenSrc, withConfigs)
		return nil
	})
}

func (s *FileSet) collect(d *Discovery, p string, e fs.DirEntry, seenCfg, seenSrc map[string]bool, withConfigs bool) {
	name := e.Name()
	if withConfigs && IsConfigName(name) {
		d.addConfig(p, seenCfg)
		return
	}
	if withConfigs && IsOtherConfigName(name) && e.Type().IsRegular() && !seenCfg[p] {
		d.Candidates = append(d.Candidates, p)
		return
	}
	if withConfigs && name == "package.json" {
		if f, err := s.Read(p); err == nil {
			for _, cfg := range ScriptConfigs(filepath.Dir(p), f.Data) {
				if s.IsFile(cfg) && !s.Removed(cfg) {
					d.addConfig(cfg, seenCfg)
				}
			}
		}
		return
	}
	if IsScript(name) && !seenSrc[p] && e.Type().IsRegular() {
		seenSrc[p] = true
		d.Sources = append(d.Sources, p)
	}
}

// discoverFileArg finds the projects a file that is not a config belongs
// to: the nearest folder above it (up to the repository root) holding a
// wrangler config is its Worker. A script may also be client code that
// connects to any Worker, and whether a client reaches a Worker depends
// on all of them, so for a script every config of the repository is
// found too. A file that belongs to no project adds nothing. It returns
// the folders walked for configs.
func (s *FileSet) discoverFileArg(d *Discovery, abs string, seenCfg, seenSrc map[string]bool) []string {
	root := s.RepoRoot(filepath.Dir(abs))
	if IsScript(abs) && root != "" {
		s.walk(d, root, seenCfg, seenSrc, true)
		return []string{root}
	}
	dir := s.NearestProject(abs, root)
	if dir == "" {
		return nil
	}
	for _, name := range ConfigNames {
		if p := filepath.Join(dir, name); s.IsFile(p) {
			d.addConfig(p, seenCfg)
		}
	}
	s.walk(d, dir, seenCfg, seenSrc, false)
	return nil
}

// RepoRoot returns the nearest folder at or above dir that holds .git,
// or "" outside a repository.
func (s *FileSet) RepoRoot(dir string) string {
	root := ""
	WalkUp(dir, func(d string) bool {
		if s.Exists(filepath.Join(d, ".git")) {
			root = d
			return true
		}
		return false
	})
	return root
}

// NearestProject returns the nearest folder holding file (a path) that
// holds a wrangler config, looking no higher than root ("" for no
// limit); "" when there is none.
func (s *FileSet) NearestProject(file, root string) string {
	found := ""
	WalkUp(filepath.Dir(file), func(d string) bool {
		for _, name := range ConfigNames {
			if s.IsFile(filepath.Join(d, name)) {
				found = d
				return true
			}
		}
		return d == root
	})
	return found
}

// addRoutingConfigs finds the configs of the JavaScript monorepos holding
// the linted folders, beyond those folders, for routing only.
func (s *FileSet) addRoutingConfigs(d *Discovery, subsets []string, seenCfg map[string]bool) {
	walked := map[string]bool{}
	for _, dir := range subsets {
		repo := s.MonorepoRoot(dir)
		if repo == "" || repo == dir || walked[repo] {
			continue
		}
		walked[repo] = true
		other := &Discovery{}
		s.walk(other, repo, map[string]bool{}, map[string]bool{}, true)
		for _, c := range other.Configs {
			if !seenCfg[c] {
				seenCfg[c] = true
				d.RoutingConfigs = append(d.RoutingConfigs, c)
			}
		}
	}
	sort.Strings(d.RoutingConfigs)
}

// monorepoMarkers name a JavaScript workspace's root.
var monorepoMarkers = []string{"pnpm-workspace.yaml", "turbo.json", "nx.json", "lerna.json"}

// MonorepoRoot returns the root of the JavaScript workspace (pnpm, npm or
// yarn workspaces, turbo, nx, lerna) that holds dir, no higher than its
// git repository; "" when dir is in none.
func (s *FileSet) MonorepoRoot(dir string) string {
	repo := s.RepoRoot(dir)
	found := ""
	WalkUp(dir, func(d string) bool {
		for _, m := range monorepoMarkers {
			if s.IsFile(filepath.Join(d, m)) {
				found = d
				return true
			}
		}
		if f, err := s.Read(filepath.Join(d, "package.json")); err == nil && bytes.Contains(f.Data, []byte(`"workspaces"`)) {
			found = d
			return true
		}
		return d == repo
	})
	return found
}
