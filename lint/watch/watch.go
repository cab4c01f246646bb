// Package watch runs a lint again whenever files below the linted folders
// change (`wranglint --watch`): it watches every folder below them with
// fsnotify (folders created later too), gathers the changes of one burst
// (an editor's save, a git checkout) until the files have been quiet for
// a moment, and then calls the lint once with the paths that changed.
package watch

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/wranglint/wranglint/lint/source"
)

// DefaultDebounce is how long the files must stay unchanged before a lint
// starts: an editor's save or a checkout is many events within a few ms.
const DefaultDebounce = 150 * time.Millisecond

// Options say what to watch.
type Options struct {
	// Roots are the folders to watch, with every folder below them but
	// node_modules, .git, .wrangler and the git-ignored ones; a file given
	// stands for its folder.
	Roots    []string
	Debounce time.Duration
	// Ignore, when set, says which changed paths do not count (the report
	// file wranglint itself writes, say).
	Ignore func(path string) bool
	// Ready, when set, is called once every folder is watched, before the
	// first lint; Done after each lint, with its number from 1. Tests
	// synchronise on them.
	Ready func(folders int)
	Done  func(pass int)
}

// Run lints once, then again after each burst of changes, until ctx is
// done; it returns nil then, or the error that stopped the watching.
func Run(ctx context.Context, o Options, lint func(changed []string)) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	if o.Debounce <= 0 {
		o.Debounce = DefaultDebounce
	}
	fsys := source.NewFileSet("", nil, nil)
	watched := map[string]bool{}
	for _, root := range o.Roots {
		if err := addTree(w, fsys, folderOf(root), watched); err != nil {
			return err
		}
	}
	if o.Ready != nil {
		o.Ready(len(watched))
	}
	pass := 0
	runLint := func(changed []string) {
		pass++
		lint(changed)
		if o.Done != nil {
			o.Done(pass)
		}
	}
	runLint(nil)
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				pending[""] = true // changes were lost: lint everything again
				timer.Reset(o.Debounce)
				continue
			}
			return err
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if !counts(ev, o.Ignore) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
					// Watch the new folder, and count the files already in
					// it: they may have been written before it was watched.
					_ = addTree(w, fsys, ev.Name, watched)
					filesBelow(ev.Name, o.Ignore, pending)
				}
			}
			pending[ev.Name] = true
			timer.Reset(o.Debounce) // debounce: wait for the burst to end
		case <-timer.C:
			changed := make([]string, 0, len(pending))
			for p := range pending {
				if p != "" {
					changed = append(changed, p)
				}
			}
			sort.Strings(changed)
			clear(pending)
			if ctx.Err() != nil {
				return nil
			}
			runLint(changed)
		}
	}
}

// counts: a change that can change what the lint finds. A change of
// permissions alone cannot; nor can editors' backup and swap files.
func counts(ev fsnotify.Event, ignore func(string) bool) bool {
	if ev.Op == fsnotify.Chmod || ev.Name == "" {
		return false
	}
	if ignore != nil && ignore(ev.Name) {
		return false
	}
	base := filepath.Base(ev.Name)
	switch {
	case base == "4913", // vim's test of whether it may write the folder
		len(base) > 1 && base[len(base)-1] == '~',
		filepath.Ext(base) == ".swp", filepath.Ext(base) == ".swx", filepath.Ext(base) == ".tmp":
		return false
	}
	return true
}

// folderOf is the folder to watch for a path given: itself, or a file's
// folder.
func folderOf(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		abs = p
	}
	if info, err := os.Stat(abs); err == nil && !info.IsDir() {
		return filepath.Dir(abs)
	}
	return abs
}

// skipDirs are never watched, as discovery never enters them.
var skipDirs = map[string]bool{"node_modules": true, ".git": true, ".wrangler": true}

// addTree watches dir and every folder below it that discovery would
// enter.
func addTree(w *fsnotify.Watcher, fsys *source.FileSet, dir string, watched map[string]bool) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // an unreadable folder below: the lint reports it
		}
		if !d.IsDir() {
			return nil
		}
		// GitIgnored judges its last segment as a file's: ask about a name
		// inside the folder, so that folder patterns ("dist/") apply.
		if p != dir && (skipDirs[d.Name()] || fsys.GitIgnored(filepath.Join(p, "\x00"))) {
			return filepath.SkipDir
		}
		if watched[p] {
			return nil
		}
		if err := w.Add(p); err != nil {
			return err
		}
		watched[p] = true
		return nil
	})
}

// filesBelow adds the files below dir (as addTree walks it) to set.
func filesBelow(dir string, ignore func(string) bool, set map[string]bool) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil
		case d.IsDir() && p != dir && skipDirs[d.Name()]:
			return filepath.SkipDir
		case !d.IsDir() && counts(fsnotify.Event{Name: p, Op: fsnotify.Create}, ignore):
			set[p] = true
		}
		return nil
	})
}
