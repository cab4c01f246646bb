package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// FileSet is the one view of the file system that every layer reads
// through. It reads each file once and shares it between the config model,
// the module graph, the scan and the output. The fixer's in-memory overlay
// (fixed contents, and files removed by a rename) is honoured by every
// method, so a lint of fixed files sees exactly what --fix would write.
type FileSet struct {
	WorkDir string
	overlay map[string][]byte
	removed map[string]bool
	mu      sync.Mutex
	files   map[string]*File
	absent  map[string]error // Read found nothing there: the error it gave
	stats   map[string]fileKind
	dirs    map[string]dirListing
	reals   map[string]string
	sealed  bool
	journal *journal // nil unless StartJournal (journal.go)
	// trackedByRoot caches each repository's tracked paths (gitindex.go).
	trackedByRoot map[string]*trackedSet
}

// PanicOnLateRead makes a read of the disk through a sealed FileSet
// panic: tests set it, so that a rule or an analysis that reads a file
// (rather than what Load read) fails loudly. A CLI run keeps going.
var PanicOnLateRead = false

// Seal marks the end of loading: whatever is read afterwards was not part
// of the snapshot, which tests catch (PanicOnLateRead).
func (s *FileSet) Seal() {
	s.mu.Lock()
	s.sealed = true
	s.mu.Unlock()
}

// Unseal lets a caller that owns the file view (the fixer, the editor)
// read again, for a new snapshot.
func (s *FileSet) Unseal() {
	s.mu.Lock()
	s.sealed = false
	s.mu.Unlock()
}

func (s *FileSet) lateRead(op, abs string) {
	s.mu.Lock()
	sealed := s.sealed
	s.mu.Unlock()
	if sealed && PanicOnLateRead {
		panic("wranglint: " + op + " " + abs + " after the project was loaded: rules and analyses read only the snapshot")
	}
}

// DirEntry is one name in a folder listing, with what it is (a link is
// followed: an entry is a file when its target is).
type DirEntry struct {
	Name string
	Dir  bool
	File bool // a regular file (FIFOs, sockets and devices are neither)
}

type dirListing struct {
	entries []DirEntry
	err     error
}

type fileKind int8

const (
	kindMissing fileKind = iota
	kindRegular
	kindDir
	kindOther // FIFOs, sockets, devices: never read
)

// NewFileSet returns an empty set whose paths display relative to workDir.
// overlay replaces or adds files (absolute paths); removed hides files.
func NewFileSet(workDir string, overlay map[string][]byte, removed map[string]bool) *FileSet {
	return &FileSet{WorkDir: workDir, overlay: overlay, removed: removed,
		files: map[string]*File{}, absent: map[string]error{}, stats: map[string]fileKind{}, dirs: map[string]dirListing{}, reals: map[string]string{}, trackedByRoot: map[string]*trackedSet{}}
}

// Overlay returns the in-memory contents that replace files on disk.
func (s *FileSet) Overlay() map[string][]byte { return s.overlay }

// Removed reports whether the overlay removed the file at abs.
func (s *FileSet) Removed(abs string) bool { return s.removed[abs] }

// MaxFileSize bounds what is read into memory: no real config or source
// module comes near it.
const MaxFileSize = 64 << 20

// Read returns the regular file at the absolute path abs, reading it on
// first use, up to MaxFileSize.
func (s *FileSet) Read(abs string) (*File, error) { return s.ReadLimited(abs, MaxFileSize) }

// ReadLimited is Read with a smaller size limit; a file over it is an
// ErrTooLarge. The limit is enforced while reading, not trusted from the
// size the file system reports (a device reports 0).
func (s *FileSet) ReadLimited(abs string, limit int64) (*File, error) {
	s.mu.Lock()
	f := s.files[abs]
	s.mu.Unlock()
	if f != nil {
		if int64(len(f.Data)) > limit {
			return nil, ErrTooLarge{Size: int64(len(f.Data)), Limit: limit}
		}
		return f, nil
	}
	data, ok := s.overlay[abs]
	if !ok {
		if s.removed[abs] {
			return nil, os.ErrNotExist
		}
		s.mu.Lock()
		err, absent := s.absent[abs]
		s.mu.Unlock()
		if absent {
			return nil, err // read before (or by the last snapshot): nothing there
		}
		s.lateRead("read", abs)
		var info fs.FileInfo
		data, info, err = readRegular(abs, limit)
		s.journal.noteRead(abs, info, data, err)
		if errors.Is(err, fs.ErrNotExist) {
			s.mu.Lock()
			s.absent[abs] = err
			s.mu.Unlock()
		}
		if err != nil {
			return nil, err
		}
	} else if int64(len(data)) > limit {
		return nil, ErrTooLarge{Size: int64(len(data)), Limit: limit}
	}
	f = NewFile(abs, s.Rel(abs), data)
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev := s.files[abs]; prev != nil {
		return prev, nil
	}
	s.files[abs] = f
	return f, nil
}

// IsFile reports whether abs is a regular file (in the overlay or on disk).
func (s *FileSet) IsFile(abs string) bool { return s.kind(abs) == kindRegular }

// IsDir reports whether abs is a folder on disk.
func (s *FileSet) IsDir(abs string) bool { return s.kind(abs) == kindDir }

// Exists reports whether anything is at abs (file, folder or other).
func (s *FileSet) Exists(abs string) bool { return s.kind(abs) != kindMissing }

func (s *FileSet) kind(abs string) fileKind {
	if _, ok := s.overlay[abs]; ok {
		return kindRegular
	}
	if s.removed[abs] {
		return kindMissing
	}
	s.mu.Lock()
	k, ok := s.stats[abs]
	s.mu.Unlock()
	if ok {
		return k
	}
	s.lateRead("stat", abs)
	s.journal.note(abs, OpStat)
	k = statKind(abs)
	s.mu.Lock()
	s.stats[abs] = k
	s.mu.Unlock()
	return k
}

func statKind(abs string) fileKind {
	info, err := os.Stat(abs)
	switch {
	case err != nil:
		return kindMissing
	case info.Mode().IsRegular():
		return kindRegular
	case info.IsDir():
		return kindDir
	}
	return kindOther
}

// ReadDir lists the folder at abs, sorted by name, as the overlay shows it
// (added files appear, removed ones do not); each folder is read once.
func (s *FileSet) ReadDir(abs string) ([]DirEntry, error) { return s.list(abs, OpList) }

// ListDir is ReadDir for a caller that consults the listing by name only,
// telling the set each name it consults (Consult) or that it went through
// every name (ConsultAll): the journal then depends on those names alone,
// not on every name of a folder (the folders above a project, such as a
// home folder or /tmp, change all the time).
func (s *FileSet) ListDir(abs string) ([]DirEntry, error) { return s.list(abs, OpLookup) }

// Consult records that a ListDir caller looked name up in dir's listing
// (exactly, or ignoring letter case).
func (s *FileSet) Consult(dir, name string) { s.journal.consult(dir, name) }

// ConsultAll records that a ListDir caller went through every name of
// dir's listing.
func (s *FileSet) ConsultAll(dir string) { s.journal.note(dir, OpList) }

func (s *FileSet) list(abs string, op Op) ([]DirEntry, error) {
	s.journal.note(abs, op)
	s.mu.Lock()
	l, ok := s.dirs[abs]
	s.mu.Unlock()
	if ok {
		return l.entries, l.err
	}
	s.lateRead("list", abs)
	l.entries, l.err = s.readDir(abs)
	s.mu.Lock()
	s.dirs[abs] = l
	s.mu.Unlock()
	return l.entries, l.err
}

func (s *FileSet) readDir(abs string) ([]DirEntry, error) {
	infos, err := os.ReadDir(abs)
	if err != nil && len(s.overlay) == 0 {
		return nil, err
	}
	var out []DirEntry
	seen := map[string]bool{}
	for _, e := range infos {
		p := filepath.Join(abs, e.Name())
		if s.removed[p] {
			continue
		}
		k := s.entryKind(p, e)
		seen[e.Name()] = true
		out = append(out, DirEntry{Name: e.Name(), Dir: k == kindDir, File: k == kindRegular})
	}
	for p := range s.overlay {
		if filepath.Dir(p) == abs && !seen[filepath.Base(p)] {
			out = append(out, DirEntry{Name: filepath.Base(p), File: true})
			err = nil
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, err
}

// entryKind is what a folder entry is, links followed: the listing says
// it for everything but a link (and a file of the overlay), so only links
// cost a stat.
func (s *FileSet) entryKind(p string, e fs.DirEntry) fileKind {
	if _, ok := s.overlay[p]; ok || e.Type()&fs.ModeSymlink != 0 {
		return s.kind(p)
	}
	return typeKind(e.Type())
}

func typeKind(t fs.FileMode) fileKind {
	switch {
	case t.IsRegular():
		return kindRegular
	case t.IsDir():
		return kindDir
	}
	return kindOther
}

// Stat is os.Stat for a caller that uses more than what is at the path:
// its owner and mode (the settings lookup's trust check). The journal
// compares those too.
func (s *FileSet) Stat(abs string) (fs.FileInfo, error) {
	s.lateRead("stat", abs)
	info, err := os.Stat(abs)
	s.journal.noteMeta(abs, info, err)
	return info, err
}

// RealPath resolves symbolic links in abs (abs itself when that fails).
func (s *FileSet) RealPath(abs string) string {
	if _, ok := s.overlay[abs]; ok {
		return abs
	}
	s.mu.Lock()
	r, ok := s.reals[abs]
	s.mu.Unlock()
	if ok {
		return r
	}
	s.lateRead("resolve links of", abs)
	s.journal.note(abs, OpRealPath)
	r, err := filepath.EvalSymlinks(abs)
	if err != nil {
		r = abs
	}
	s.mu.Lock()
	s.reals[abs] = r
	s.mu.Unlock()
	return r
}

// Added lists the overlay's files that do not exist on disk (created by a
// fixer's rename).
func (s *FileSet) Added() []string {
	var out []string
	for path := range s.overlay {
		if statKind(path) == kindMissing {
			out = append(out, path)
		}
	}
	return out
}

// Rel shows abs relative to the working directory.
func (s *FileSet) Rel(abs string) string {
	if rel, err := filepath.Rel(s.WorkDir, abs); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(abs)
}

// Cached returns a file already read, or nil.
func (s *FileSet) Cached(abs string) *File {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.files[abs]
}

// ErrTooLarge is returned for files over a read limit.
type ErrTooLarge struct{ Size, Limit int64 }

func (e ErrTooLarge) Error() string {
	return fmt.Sprintf("file too large to lint (over %s; the limit is %s)", mib(e.Size), mib(e.Limit))
}

func mib(n int64) string {
	if n >= 1<<20 {
		return itoa(int(n>>20)) + " MiB"
	}
	return itoa(int(n>>10)) + " KiB"
}

// ErrNotRegular is returned for FIFOs, sockets and devices, which are
// never read: a FIFO would block forever, a device never ends.
var ErrNotRegular = errors.New("not a regular file")

// errIsDir is returned for a folder where a file was expected.
var errIsDir = errors.New("is a folder, not a file")

// ReadRegular reads the regular file at abs, through a limit. The file is
// opened without blocking and checked once open, so a FIFO swapped in
// after a check cannot block the read.
func ReadRegular(abs string, limit int64) ([]byte, error) {
	data, _, err := readRegular(abs, limit)
	return data, err
}

// readRegular is ReadRegular, with what the open file said it was (the
// journal keeps it: the identity of the bytes read).
func readRegular(abs string, limit int64) ([]byte, fs.FileInfo, error) {
	f, err := os.OpenFile(abs, os.O_RDONLY|openNonBlocking, 0)
	if err != nil {
		if info, serr := os.Stat(abs); serr == nil && info.IsDir() {
			return nil, nil, errIsDir
		}
		return nil, nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if info.IsDir() {
		return nil, nil, errIsDir
	}
	if !info.Mode().IsRegular() {
		return nil, nil, ErrNotRegular
	}
	if info.Size() > limit {
		return nil, nil, ErrTooLarge{Size: info.Size(), Limit: limit}
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, nil, err
	}
	if int64(len(data)) > limit {
		return nil, nil, ErrTooLarge{Size: int64(len(data)), Limit: limit}
	}
	return data, info, nil
}

// WalkUp calls visit with dir and each of its parents, nearest first,
// until visit returns true.
func WalkUp(dir string, visit func(string) bool) {
	for {
		if visit(dir) {
			return
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return
		}
		dir = parent
	}
}

// Within reports whether path lies inside dir (or is dir).
func Within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
