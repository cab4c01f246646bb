package settings

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
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
	homes    []string             // the user's home folder (as given and links resolved): the lookup ends there
	stats    map[string]fs.FileInfo
	skipped  map[string]string // settings file -> why it was not used
	lookups  map[string]lookup // folder -> what its lookup found
}

// lookup is what the lookup from a folder found: the settings file ("":
// none) and the files it passed over.
type lookup struct {
	found string
	skips []Skip
}

// Skip is a settings file the lookup found and did not use.
type Skip struct {
	Path string // absolute
	Why  string // "its folder /tmp is writable by other users"
}

// NewFinder reads settings through fs (so the fixer's overlay is seen).
// A non-empty override is the --config file, used for every folder.
func NewFinder(files *source.FileSet, override string) *Finder {
	if override != "" {
		if abs, err := filepath.Abs(override); err == nil {
			override = abs
		}
	}
	f := &Finder{files: files, override: override, byDir: map[string]*Settings{}, byPath: map[string]*Settings{},
		stats: map[string]fs.FileInfo{}, skipped: map[string]string{}, lookups: map[string]lookup{}}
	if home, err := os.UserHomeDir(); err == nil && filepath.IsAbs(home) {
		f.homes = append(f.homes, filepath.Clean(home))
		if real := files.RealPath(home); real != filepath.Clean(home) {
			f.homes = append(f.homes, real)
		}
	}
	return f
}

// For returns the settings for files in the absolute folder dir: the
// --config file when one was given, otherwise the nearest .wranglint.jsonc
// in dir or a folder above it, up to the repository root (the first
// folder holding .git) or the user's home folder; nil when there is none.
//
// A settings file can silence every finding, so the lookup never uses one
// that another user could have written: it stops at a folder writable by
// others (such as /tmp) or owned by a user other than the one running
// wranglint, root and the owner of dir (who could write settings into dir
// anyway), and at a settings file writable by others; such a file is
// listed by Skipped. A .wranglint.jsonc that is not a regular file is
// not read and gives a Problem at its path.
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
	if found := f.lookup(dir); found != "" {
		s = f.parse(found)
	}
	f.mu.Lock()
	f.byDir[dir] = s
	f.mu.Unlock()
	return s
}

// Rebind returns a finder that reads through files and starts from what
// f looked up: for an editor's next snapshot when no file was created or
// removed and no settings file changed (the same lookups find the same
// files), every path of changed stat again. The settings files are parsed
// again, so Loaded lists those of the new snapshot alone.
func (f *Finder) Rebind(files *source.FileSet, changed map[string]bool) *Finder {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := &Finder{files: files, override: f.override, byDir: map[string]*Settings{}, byPath: map[string]*Settings{},
		stats: make(map[string]fs.FileInfo, len(f.stats)), skipped: map[string]string{}, lookups: maps.Clone(f.lookups), homes: f.homes}
	for p, info := range f.stats {
		if !changed[p] {
			out.stats[p] = info
		}
	}
	return out
}

func (f *Finder) lookup(dir string) string {
	f.mu.Lock()
	l, ok := f.lookups[dir]
	f.mu.Unlock()
	if !ok {
		l = f.walk(dir)
		f.mu.Lock()
		f.lookups[dir] = l
		f.mu.Unlock()
	}
	for _, sk := range l.skips {
		f.skip(sk.Path, sk.Why)
	}
	return l.found
}

func (f *Finder) walk(dir string) lookup {
	var l lookup
	skip := func(p, why string) { l.skips = append(l.skips, Skip{Path: p, Why: why}) }
	trusted := currentUsers()
	if info := f.stat(dir); info != nil {
		if uid, ok := fileOwner(info); ok {
			trusted = append(trusted, uid)
		}
	}
	source.WalkUp(dir, func(d string) bool {
		p := filepath.Join(d, FileName)
		if info := f.stat(d); info != nil {
			if why := othersCanWrite(info, trusted); why != "" {
				if f.files.Exists(p) {
					skip(p, "its folder "+d+" "+why)
				}
				return true
			}
		}
		if f.files.Exists(p) {
			if _, inMemory := f.files.Overlay()[p]; !inMemory {
				if info := f.stat(p); info != nil {
					if why := othersCanWrite(info, trusted); why != "" {
						skip(p, "it "+why)
						return true
					}
				}
			}
			l.found = p
			return true
		}
		return f.files.Exists(filepath.Join(d, ".git")) || f.isHome(d)
	})
	return l
}

// stat is os.Stat, once per path; nil when it fails.
func (f *Finder) stat(p string) fs.FileInfo {
	f.mu.Lock()
	info, ok := f.stats[p]
	f.mu.Unlock()
	if ok {
		return info
	}
	info, err := f.files.Stat(p) // owner and mode count: the cache's journal compares them
	if err != nil {
		info = nil
	}
	f.mu.Lock()
	f.stats[p] = info
	f.mu.Unlock()
	return info
}

func (f *Finder) isHome(d string) bool {
	for _, h := range f.homes {
		if d == h {
			return true
		}
	}
	return false
}

func (f *Finder) skip(p, why string) {
	f.mu.Lock()
	f.skipped[p] = why
	f.mu.Unlock()
}

// Skipped returns the settings files the lookup found and did not use
// because another user could have written them, by path.
func (f *Finder) Skipped() []Skip {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]Skip, 0, len(f.skipped))
	for _, p := range source.SortedKeys(f.skipped) {
		out = append(out, Skip{Path: p, Why: f.skipped[p]})
	}
	return out
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
	var file *source.File
	var err error
	if f.files.IsFile(p) {
		file, err = f.files.ReadLimited(p, maxSize)
	} else {
		err = notRegular(f.files, p) // never opened: a FIFO would block
	}
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

// notRegular says what the file at p is instead of a regular file.
func notRegular(files *source.FileSet, p string) error {
	info, err := files.Stat(p)
	if err != nil {
		return err
	}
	kind := "is not a regular file"
	switch t := info.Mode().Type(); {
	case info.IsDir():
		return errors.New("is a folder, not a file")
	case t&fs.ModeNamedPipe != 0:
		kind = "is a FIFO (named pipe), not a regular file"
	case t&fs.ModeSocket != 0:
		kind = "is a socket, not a regular file"
	case t&fs.ModeDevice != 0:
		kind = "is a device, not a regular file"
	}
	return errors.New(kind)
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
	if !files.IsFile(p) && files.Exists(p) {
		msg = fmt.Sprintf("the settings file %v: wranglint reads only regular files, and the settings of the folders above do not apply in its place; make it a regular file or remove it", err)
	}
	if errors.As(err, &tooLarge) {
		msg = fmt.Sprintf("the settings file is over %d KiB: wranglint reads up to 1 MiB; is it the right file?", tooLarge.Size>>10)
	}
	s := &Settings{File: file, Dir: filepath.Dir(p)}
	s.problem(source.Span{File: file}, "%s", msg)
	return s
}
