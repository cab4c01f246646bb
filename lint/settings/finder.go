package settings

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sync"

	"github.com/wranglint/wranglint/lint/source"
)

// maxSize bounds a settings file: real ones are a few hundred bytes.
const maxSize = 1 << 20

// Finder finds the settings that apply to each folder and parses each
// settings file once. It is safe for concurrent use.
type Finder struct {
	files    *source.FileSet
	override string // --config: one file for every folder ("" for lookup)
	mu       sync.Mutex
	byDir    map[string]*Settings // folder -> settings that apply (nil: none)
	byPath   map[string]*Settings // settings file -> parsed
}

// NewFinder reads settings through fs (so the fixer's overlay is seen).
// A non-empty override is the --config file, used for every folder.
func NewFinder(fs *source.FileSet, override string) *Finder {
	if override != "" {
		if abs, err := filepath.Abs(override); err == nil {
			override = abs
		}
	}
	return &Finder{files: fs, override: override, byDir: map[string]*Settings{}, byPath: map[string]*Settings{}}
}

// For returns the settings for files in the absolute folder dir: the
// --config file when one was given, otherwise the nearest .wranglint.jsonc
// in dir or a folder above it, up to the repository root (the first
// folder holding .git); nil when there is none.
func (f *Finder) For(dir string) *Settings {
	if f.override != "" {
		return f.parse(f.override)
	}
	f.mu.Lock()
	s, ok := f.byDir[dir]
	f.mu.Unlock()
	if ok {
		return s
	}
	var found string
	source.WalkUp(dir, func(d string) bool {
		if p := filepath.Join(d, FileName); f.files.IsFile(p) {
			found = p
			return true
		}
		return f.files.Exists(filepath.Join(d, ".git"))
	})
	if found != "" {
		s = f.parse(found)
	}
	f.mu.Lock()
	f.byDir[dir] = s
	f.mu.Unlock()
	return s
}

// ForFile returns the settings for the file at abs.
func (f *Finder) ForFile(abs string) *Settings { return f.For(filepath.Dir(abs)) }

// Loaded returns every settings file read so far, by path: each one's
// Problems are reported once.
func (f *Finder) Loaded() []*Settings {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]*Settings, 0, len(f.byPath))
	for _, p := range source.SortedKeys(f.byPath) {
		out = append(out, f.byPath[p])
	}
	return out
}

func (f *Finder) parse(p string) *Settings {
	f.mu.Lock()
	s, ok := f.byPath[p]
	f.mu.Unlock()
	if ok {
		return s
	}
	file, err := f.files.ReadLimited(p, maxSize)
	if err != nil {
		s = unreadable(f.files, p, err)
	} else {
		s = Parse(file)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if prev, ok := f.byPath[p]; ok {
		return prev
	}
	f.byPath[p] = s
	return s
}

// unreadable is a settings file that cannot be read: no settings, one
// Problem at its start.
func unreadable(files *source.FileSet, p string, err error) *Settings {
	file := source.NewFile(p, files.Rel(p), nil)
	var tooLarge source.ErrTooLarge
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	msg := fmt.Sprintf("cannot read the settings file: %v", err)
	if errors.As(err, &tooLarge) {
		msg = fmt.Sprintf("the settings file is over %d KiB: wranglint reads up to 1 MiB; is it the right file?", tooLarge.Size>>10)
	}
	s := &Settings{File: file, Dir: filepath.Dir(p)}
	s.problem(source.Span{File: file}, "%s", msg)
	return s
}
