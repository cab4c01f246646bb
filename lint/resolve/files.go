package resolve

import (
	"errors"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"

	"github.com/wranglint/wranglint/lint/source"
)

// ProbeKind says what the resolver asked of the file system.
type ProbeKind uint8

const (
	// ProbeList: a folder listing (names and kinds of its entries), asked
	// whether or not the folder exists.
	ProbeList ProbeKind = iota
	// ProbeRead: a file's contents (package.json, tsconfig.json, a JSON
	// module), asked whether or not it exists.
	ProbeRead
	// ProbeStat: what is at a path (file, folder, other, nothing).
	ProbeStat
	// ProbeRealPath: where a path's symbolic links lead.
	ProbeRealPath
)

func (k ProbeKind) String() string {
	return [...]string{"list", "read", "stat", "realpath"}[k]
}

// Probe is one question the resolver asked the file system: everything
// its answers depend on, found or not, so that a later run can tell
// whether they still hold.
type Probe struct {
	Kind ProbeKind
	Path string
}

// files is the resolver's view of the file set: every question goes
// through it and is recorded once.
type files struct {
	fs     *source.FileSet
	mu     sync.Mutex
	probes map[Probe]bool
}

func (f *files) note(k ProbeKind, path string) {
	p := Probe{k, path}
	f.mu.Lock()
	f.probes[p] = true
	f.mu.Unlock()
}

// list lists dir for lookups by name: each lookup tells the file set
// which names the listing's answer depends on (listing.lookup, get, all).
func (f *files) list(dir string) ([]source.DirEntry, error) {
	f.note(ProbeList, dir)
	return f.fs.ListDir(dir)
}

func (f *files) read(path string) (*source.File, error) {
	f.note(ProbeRead, path)
	return f.fs.Read(path)
}

func (f *files) exists(path string) bool {
	f.note(ProbeStat, path)
	return f.fs.Exists(path)
}

func (f *files) realPath(path string) string {
	f.note(ProbeRealPath, path)
	return f.fs.RealPath(path)
}

// sorted returns the probes recorded so far, by path then kind.
func (f *files) sorted() []Probe {
	f.mu.Lock()
	out := make([]Probe, 0, len(f.probes))
	for p := range f.probes {
		out = append(out, p)
	}
	f.mu.Unlock()
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}

// entryKind is what a folder entry is, as esbuild sees it: a folder, or a
// file (anything else that exists, links followed: FIFOs and devices are
// files to esbuild, which is why they are checked before any read).
type entryKind uint8

const (
	entryBroken entryKind = iota // a link to nothing: esbuild skips it
	entryFile
	entryDir
)

type dirEntry struct {
	name    string
	kind    entryKind
	regular bool // a regular file (not a FIFO, socket or device)
}

// listing is one folder's entries, looked up as esbuild does: exactly,
// then ignoring letter case.
type listing struct {
	exact map[string]*dirEntry
	lower map[string]*dirEntry // the first entry of each lower-cased name
	names []string             // in order, for hints
	dir   string
	fs    *source.FileSet // told of each name looked up (the cache's journal)
}

// get is the entry of exactly that name, or nil.
func (l *listing) get(name string) *dirEntry {
	l.fs.Consult(l.dir, name)
	return l.exact[name]
}

// all is every name, in order.
func (l *listing) all() []string {
	l.fs.ConsultAll(l.dir)
	return l.names
}

// lookup finds name in the listing; exact is false when only a name that
// differs in letter case exists (esbuild then returns the path as asked,
// which a case-sensitive disk does not have).
func (l *listing) lookup(name string) (e *dirEntry, exact bool) {
	if l == nil {
		return nil, false
	}
	l.fs.Consult(l.dir, name)
	if e := l.exact[name]; e != nil {
		return e, true
	}
	if e := l.lower[strings.ToLower(name)]; e != nil {
		return e, false
	}
	return nil, false
}

// readListing lists dir. A folder that cannot be read for want of
// permission is empty (as esbuild treats it); a missing one is nil; any
// other error is returned.
func (f *files) readListing(dir string) (*listing, error) {
	entries, err := f.list(dir)
	if err != nil && len(entries) == 0 {
		switch {
		case errors.Is(err, fs.ErrPermission):
			return &listing{exact: map[string]*dirEntry{}, lower: map[string]*dirEntry{}, dir: dir, fs: f.fs}, nil
		case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
			return nil, nil
		}
		return nil, err
	}
	l := &listing{exact: make(map[string]*dirEntry, len(entries)), lower: make(map[string]*dirEntry, len(entries)), dir: dir, fs: f.fs}
	for _, e := range entries {
		d := &dirEntry{name: e.Name, regular: e.File}
		switch {
		case e.Dir:
			d.kind = entryDir
		case e.File:
			d.kind = entryFile
		case f.exists(filepath.Join(dir, e.Name)):
			d.kind = entryFile // a FIFO, socket or device
		}
		l.exact[e.Name] = d
		if lo := strings.ToLower(e.Name); l.lower[lo] == nil {
			l.lower[lo] = d
		}
		l.names = append(l.names, e.Name)
	}
	return l, nil
}
