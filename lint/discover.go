package lint

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// ConfigNames are wrangler's config file names, in wrangler's precedence.
var ConfigNames = []string{"wrangler.json", "wrangler.jsonc", "wrangler.toml"}

// skipDirs are never entered.
var skipDirs = map[string]bool{"node_modules": true, ".git": true, ".wrangler": true}

// sourceExts are the files scanned for client references.
var sourceExts = map[string]bool{".js": true, ".jsx": true, ".ts": true, ".tsx": true, ".mjs": true, ".mts": true, ".cjs": true, ".cts": true}

// Discovery is what a walk of the linted paths found.
type Discovery struct {
	Configs  []string // absolute paths
	Sources  []string // absolute paths of JS/TS files
	Problems []error  // unreadable folders, loops, paths that do not exist
}

// Discover walks the given folders (or takes the given config files).
func Discover(paths []string) *Discovery {
	d := &Discovery{}
	seenCfg, seenSrc := map[string]bool{}, map[string]bool{}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			d.Problems = append(d.Problems, err)
			continue
		}
		info, err := os.Stat(abs)
		switch {
		case err != nil:
			d.Problems = append(d.Problems, fmt.Errorf("%s: %w", p, unwrapPathError(err)))
		case info.IsDir() && isConfigName(filepath.Base(abs)):
			d.Problems = append(d.Problems, fmt.Errorf("%s: is a folder, not a wrangler config file", p))
		case !info.IsDir():
			if !seenCfg[abs] {
				seenCfg[abs] = true
				d.Configs = append(d.Configs, abs)
			}
			// A config named directly still has its project's sources.
			d.walk(filepath.Dir(abs), seenCfg, seenSrc, false)
		default:
			d.walk(abs, seenCfg, seenSrc, true)
		}
	}
	sort.Strings(d.Configs)
	sort.Strings(d.Sources)
	return d
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// walk collects configs (when withConfigs) and sources below root. It does
// not follow symbolic links to folders, so link loops cannot trap it.
func (d *Discovery) walk(root string, seenCfg, seenSrc map[string]bool, withConfigs bool) {
	ignores := map[string]*ignoreSet{}
	ignores[root] = (&ignoreSet{}).withFile(root, "")
	_ = filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			d.Problems = append(d.Problems, fmt.Errorf("%s: %w", p, unwrapPathError(err)))
			if e != nil && e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p == root {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		set := ignores[filepath.Dir(p)]
		if set == nil {
			set = &ignoreSet{}
		}
		if e.IsDir() {
			if skipDirs[e.Name()] || set.ignored(rel, true) {
				return fs.SkipDir
			}
			if withConfigs && isConfigName(e.Name()) {
				d.Problems = append(d.Problems, fmt.Errorf("%s: is a folder, not a wrangler config file", p))
				return fs.SkipDir
			}
			ignores[p] = set.withFile(p, rel)
			return nil
		}
		if set.ignored(rel, false) {
			return nil
		}
		d.collect(p, e, seenCfg, seenSrc, withConfigs)
		return nil
	})
}

func (d *Discovery) collect(p string, e fs.DirEntry, seenCfg, seenSrc map[string]bool, withConfigs bool) {
	name := e.Name()
	if withConfigs && isConfigName(name) && !seenCfg[p] {
		seenCfg[p] = true
		d.Configs = append(d.Configs, p)
		return
	}
	if sourceExts[filepath.Ext(name)] && !seenSrc[p] && e.Type().IsRegular() {
		seenSrc[p] = true
		d.Sources = append(d.Sources, p)
	}
}

func isConfigName(name string) bool {
	for _, n := range ConfigNames {
		if n == name {
			return true
		}
	}
	return false
}
