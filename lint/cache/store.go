// Package cache is what wranglint keeps between runs, in one folder:
// content-addressed entries (the facts each script's scan found, the
// compiled schema of an installed wrangler), packed one file per run, and
// the journal of each run's inputs, with which a later run of the same
// build, arguments and environment replays the report when nothing it
// read has changed (journal.go). It sits just above lint/source.
//
// The folder may be on a shared machine or a self-hosted runner, so
// nothing in it is trusted beyond what this package checks: the folder
// must be the user's and writable by no one else (otherwise the store is
// refused and the run goes on without it); every file is opened without
// following links, as a regular file the user owns, through a size limit;
// every entry carries its key and a checksum; anything else is a miss.
// Entries are keyed by the build's own identity (buildid.go), so two
// builds never read each other's entries.
//
// Layout: packs/<build>-<time>-<random>.pack (one per run that found
// something new: the entries it wrote and the keys it used), runs/<key>
// (one journal record per invocation), ids/ (executables' hashes),
// trim.txt (when the folder was last trimmed). Trimming policy: trim.go.
package cache

import (
	"bufio"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Key names an entry: the SHA-256 of the build's salt and what decides
// the entry's content.
type Key [32]byte

// MaxEntry bounds one entry: a script's facts are far smaller than the
// 64 MiB a script may have.
const MaxEntry = 16 << 20

// maxPack bounds a pack file a run opens.
const maxPack = 4 << 30

// Options configure a Store; the zero value is the running executable's
// identity and the wall clock.
type Options struct {
	// Salt replaces the build identity (tests; a build whose identity
	// cannot be read is never cached).
	Salt []byte
	// Now replaces the clock (tests of trimming).
	Now func() time.Time
}

// Store is one open cache folder for one build. It is safe for
// concurrent use; Close writes what the run added.
type Store struct {
	dir    string
	salt   [32]byte
	prefix string // this build's pack names start with it
	now    func() time.Time

	loadOnce sync.Once
	packs    []*pack // this build's packs, newest first

	mu      sync.Mutex
	pending *packWriter
	used    map[*pack]bool
	hits    map[uint64]bool // key prefixes this run used from earlier packs
	closed  bool
}

// ErrRefused is returned (wrapped) by Open for a folder another user
// could write into.
var ErrRefused = errors.New("cache folder refused")

// Open opens (creating it, private to the user) the cache folder dir.
// A folder not owned by the user or writable by others is refused
// (ErrRefused), as ssh and Go's build cache refuse them: entries written
// there by someone else could change what wranglint reports.
func Open(dir string, opts Options) (*Store, error) {
	if dir == "" {
		return nil, errors.New("no cache folder")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return nil, err
	}
	if err := checkDir(abs); err != nil {
		return nil, err
	}
	for _, sub := range []string{"packs", "runs", "ids"} {
		p := filepath.Join(abs, sub)
		if err := os.Mkdir(p, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
			return nil, err
		}
		if err := checkSubdir(p); err != nil {
			return nil, err
		}
	}
	s := &Store{dir: abs, now: opts.Now, used: map[*pack]bool{}, hits: map[uint64]bool{}}
	if s.now == nil {
		s.now = time.Now
	}
	salt := opts.Salt
	if salt == nil {
		id, err := s.executableIdentity()
		if err != nil {
			return nil, fmt.Errorf("cannot tell this build from another: %w", err)
		}
		salt = id
	}
	s.salt = sha256.Sum256(append([]byte("wranglint-store 1\x00"), salt...))
	s.prefix = hex.EncodeToString(s.salt[:8])
	return s, nil
}

// checkDir refuses a folder (links followed) that is not a folder, not
// the user's, or writable by others.
func checkDir(dir string) error {
	info, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("%w: %s is not a folder", ErrRefused, dir)
	}
	if why, ok := ownedByUser(info); !ok {
		return fmt.Errorf("%w: %s %s", ErrRefused, dir, why)
	}
	return nil
}

// checkSubdir: the folders inside are real folders (not links) and the
// user's too.
func checkSubdir(p string) error {
	info, err := os.Lstat(p)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("%w: %s is not a folder", ErrRefused, p)
	}
	if why, ok := ownedByUser(info); !ok {
		return fmt.Errorf("%w: %s %s", ErrRefused, p, why)
	}
	return nil
}

// Dir is the store's folder.
func (s *Store) Dir() string { return s.dir }

// Key hashes the build's salt, a kind and the parts that decide an entry.
func (s *Store) Key(kind string, parts ...[]byte) Key {
	h := sha256.New()
	h.Write(s.salt[:])
	h.Write([]byte(kind))
	for _, p := range parts {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write(p)
	}
	var k Key
	h.Sum(k[:0])
	return k
}

// openRegular opens path for reading only if it is a regular file owned
// by the user, writable by no one else, and at most limit bytes long.
// A link, a FIFO, a device or a folder is an error, never waited on.
func openRegular(path string, limit int64) (*os.File, os.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err == nil && !info.Mode().IsRegular() {
		err = fmt.Errorf("%s is not a regular file", path)
	}
	if err == nil {
		if why, ok := ownedByUser(info); !ok {
			err = fmt.Errorf("%s %s", path, why)
		}
	}
	if err == nil && info.Size() > limit {
		err = fmt.Errorf("%s is over %d bytes", path, limit)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}

// readRegular reads a whole file through openRegular's checks.
func readRegular(path string, limit int64) ([]byte, os.FileInfo, error) {
	f, info, err := openRegular(path, limit)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(data)) > limit {
		err = fmt.Errorf("%s grew over %d bytes", path, limit)
	}
	return data, info, err
}

// writeAtomic writes data to a new file in dir, then renames it to
// name: a reader sees the old file or the new one, never a part.
func writeAtomic(dir, name string, data []byte) error {
	tmp, err := createTemp(dir)
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), filepath.Join(dir, name))
	}
	if werr != nil {
		os.Remove(tmp.Name())
	}
	return werr
}

// tempPrefix starts the name of every file being written.
const tempPrefix = ".tmp-"

// createTemp creates a new private file in dir (never through a link:
// O_EXCL fails on any existing name).
func createTemp(dir string) (*os.File, error) {
	for range 10 {
		name := filepath.Join(dir, tempPrefix+randomHex(8))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL|createFlags, 0o600)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, errors.New("cannot create a temporary file in " + dir)
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return strconv.FormatInt(time.Now().UnixNano(), 16)
	}
	return hex.EncodeToString(b)
}

// --- packs ---------------------------------------------------------------

// A pack is one run's entries:
//
//	header  "WLPACK1\n"
//	payloads, one after the other
//	index   n x (key [32]byte, offset u64, length u32, crc32c u32), by key
//	uses    m x (key prefix u64, unix day u32): the keys the run used
//	footer  index offset u64, n u32, m u32, crc32c of index and uses u32,
//	        flags u32, "WLPACKZ\n"
//
// All numbers big-endian. A pack is written under a temporary name and
// renamed when complete, so a reader never sees one being written.
var (
	packMagic   = []byte("WLPACK1\n")
	footerMagic = []byte("WLPACKZ\n")
	castagnoli  = crc32.MakeTable(crc32.Castagnoli)
)

const (
	indexEntry = 32 + 8 + 4 + 4
	useEntry   = 8 + 4
	footerSize = 8 + 4 + 4 + 4 + 4 + 8
	packSuffix = ".pack"
)

// flagMerged marks a pack made by merging others (trim.go).
const flagMerged = 1

type pack struct {
	path     string
	f        *os.File
	size     int64
	mtime    time.Time
	indexOff int64
	n, m     int
	flags    uint32
	index    []byte
}

// openPack opens and checks a pack: its frame, its index's checksum and
// order. Entries are checked when read.
func openPack(path string) (*pack, error) {
	f, info, err := openRegular(path, maxPack)
	if err != nil {
		return nil, err
	}
	p, err := readPackFrame(f, info.Size())
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	p.path, p.f, p.mtime = path, f, info.ModTime()
	return p, nil
}

var errBadPack = errors.New("not a valid pack")

func readPackFrame(r io.ReaderAt, size int64) (*pack, error) {
	if size < int64(len(packMagic))+footerSize {
		return nil, errBadPack
	}
	head := make([]byte, len(packMagic))
	foot := make([]byte, footerSize)
	if _, err := r.ReadAt(head, 0); err != nil {
		return nil, err
	}
	if _, err := r.ReadAt(foot, size-footerSize); err != nil {
		return nil, err
	}
	if string(head) != string(packMagic) || string(foot[footerSize-8:]) != string(footerMagic) {
		return nil, errBadPack
	}
	p := &pack{size: size}
	p.indexOff = int64(binary.BigEndian.Uint64(foot[0:]))
	n, m := int64(binary.BigEndian.Uint32(foot[8:])), int64(binary.BigEndian.Uint32(foot[12:]))
	sum := binary.BigEndian.Uint32(foot[16:])
	p.flags = binary.BigEndian.Uint32(foot[20:])
	if p.indexOff < int64(len(packMagic)) || p.indexOff+n*indexEntry+m*useEntry+footerSize != size {
		return nil, errBadPack
	}
	p.n, p.m = int(n), int(m)
	p.index = make([]byte, n*indexEntry)
	if _, err := r.ReadAt(p.index, p.indexOff); err != nil {
		return nil, err
	}
	uses := make([]byte, m*useEntry)
	if _, err := r.ReadAt(uses, p.indexOff+n*indexEntry); err != nil {
		return nil, err
	}
	c := crc32.Update(crc32.Checksum(p.index, castagnoli), castagnoli, uses)
	if c != sum {
		return nil, errBadPack
	}
	for i := 1; i < p.n; i++ {
		if string(p.keyAt(i-1)) >= string(p.keyAt(i)) {
			return nil, errBadPack
		}
	}
	return p, nil
}

func (p *pack) keyAt(i int) []byte { return p.index[i*indexEntry : i*indexEntry+32] }

// find looks k up in the index.
func (p *pack) find(k Key) (off int64, n uint32, sum uint32, ok bool) {
	i := sort.Search(p.n, func(i int) bool { return string(p.keyAt(i)) >= string(k[:]) })
	if i == p.n || string(p.keyAt(i)) != string(k[:]) {
		return 0, 0, 0, false
	}
	e := p.index[i*indexEntry+32:]
	return int64(binary.BigEndian.Uint64(e)), binary.BigEndian.Uint32(e[8:]), binary.BigEndian.Uint32(e[12:]), true
}

// read returns the payload at off, checked against the frame and sum.
func (p *pack) read(off int64, n, sum uint32) ([]byte, bool) {
	if off < int64(len(packMagic)) || n > MaxEntry || off+int64(n) > p.indexOff {
		return nil, false
	}
	buf := make([]byte, n)
	if _, err := p.f.ReadAt(buf, off); err != nil {
		return nil, false
	}
	if crc32.Checksum(buf, castagnoli) != sum {
		return nil, false
	}
	return buf, true
}

// uses reads the pack's table of used keys.
func (p *pack) uses() ([]byte, error) {
	b := make([]byte, p.m*useEntry)
	_, err := p.f.ReadAt(b, p.indexOff+int64(p.n)*indexEntry)
	return b, err
}

// packWriter appends one run's entries to a temporary file.
type packWriter struct {
	f    *os.File
	w    *bufio.Writer
	off  int64
	ents map[Key]pendingEntry
}

type pendingEntry struct {
	off int64
	n   uint32
	sum uint32
}

func newPackWriter(dir string) (*packWriter, error) {
	f, err := createTemp(dir)
	if err != nil {
		return nil, err
	}
	pw := &packWriter{f: f, w: bufio.NewWriterSize(f, 256<<10), ents: map[Key]pendingEntry{}}
	if _, err := pw.w.Write(packMagic); err != nil {
		pw.abort()
		return nil, err
	}
	pw.off = int64(len(packMagic))
	return pw, nil
}

func (pw *packWriter) add(k Key, data []byte) error {
	if _, err := pw.w.Write(data); err != nil {
		return err
	}
	pw.ents[k] = pendingEntry{off: pw.off, n: uint32(len(data)), sum: crc32.Checksum(data, castagnoli)}
	pw.off += int64(len(data))
	return nil
}

// get reads back an entry written in this run.
func (pw *packWriter) get(k Key) ([]byte, bool) {
	e, ok := pw.ents[k]
	if !ok || pw.w.Flush() != nil {
		return nil, false
	}
	buf := make([]byte, e.n)
	if _, err := pw.f.ReadAt(buf, e.off); err != nil || crc32.Checksum(buf, castagnoli) != e.sum {
		return nil, false
	}
	return buf, true
}

// finish writes the index, the uses and the footer, and renames the
// file to final.
func (pw *packWriter) finish(final string, uses map[uint64]uint32, flags uint32) error {
	keys := make([]Key, 0, len(pw.ents))
	for k := range pw.ents {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return string(keys[i][:]) < string(keys[j][:]) })
	tail := make([]byte, 0, len(keys)*indexEntry+len(uses)*useEntry+footerSize)
	for _, k := range keys {
		e := pw.ents[k]
		tail = append(tail, k[:]...)
		tail = binary.BigEndian.AppendUint64(tail, uint64(e.off))
		tail = binary.BigEndian.AppendUint32(tail, e.n)
		tail = binary.BigEndian.AppendUint32(tail, e.sum)
	}
	prefixes := make([]uint64, 0, len(uses))
	for u := range uses {
		prefixes = append(prefixes, u)
	}
	sort.Slice(prefixes, func(i, j int) bool { return prefixes[i] < prefixes[j] })
	for _, u := range prefixes {
		tail = binary.BigEndian.AppendUint64(tail, u)
		tail = binary.BigEndian.AppendUint32(tail, uses[u])
	}
	sum := crc32.Checksum(tail, castagnoli)
	tail = binary.BigEndian.AppendUint64(tail, uint64(pw.off))
	tail = binary.BigEndian.AppendUint32(tail, uint32(len(keys)))
	tail = binary.BigEndian.AppendUint32(tail, uint32(len(uses)))
	tail = binary.BigEndian.AppendUint32(tail, sum)
	tail = binary.BigEndian.AppendUint32(tail, flags)
	tail = append(tail, footerMagic...)
	if _, err := pw.w.Write(tail); err != nil {
		pw.abort()
		return err
	}
	if err := pw.w.Flush(); err != nil {
		pw.abort()
		return err
	}
	if err := pw.f.Close(); err != nil {
		os.Remove(pw.f.Name())
		return err
	}
	if err := os.Rename(pw.f.Name(), final); err != nil {
		os.Remove(pw.f.Name())
		return err
	}
	return nil
}

func (pw *packWriter) abort() {
	pw.f.Close()
	os.Remove(pw.f.Name())
}

// packName is a new pack's name: the build, the time (so that names sort
// by age) and a random part.
func (s *Store) packName() string {
	return filepath.Join(s.dir, "packs", fmt.Sprintf("%s-%016x-%s%s", s.prefix, s.now().UnixNano(), randomHex(4), packSuffix))
}

// load opens this build's packs, newest first; a pack that does not
// check out is skipped (trimming removes it).
func (s *Store) load() {
	s.loadOnce.Do(func() {
		names, _ := s.packNames()
		for i := len(names) - 1; i >= 0; i-- {
			if !strings.HasPrefix(names[i], s.prefix+"-") {
				continue
			}
			if p, err := openPack(filepath.Join(s.dir, "packs", names[i])); err == nil {
				s.packs = append(s.packs, p)
			}
		}
	})
}

// packNames lists the pack files, sorted (oldest first within a build).
func (s *Store) packNames() ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(s.dir, "packs"))
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), packSuffix) && e.Type().IsRegular() {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out, err
}

// Get returns the entry k, or false: a missing, corrupt or unreadable
// entry is a miss.
func (s *Store) Get(k Key) ([]byte, bool) {
	if s == nil {
		return nil, false
	}
	s.load()
	s.mu.Lock()
	if s.pending != nil {
		if data, ok := s.pending.get(k); ok {
			s.mu.Unlock()
			return data, true
		}
	}
	s.mu.Unlock()
	for _, p := range s.packs {
		off, n, sum, ok := p.find(k)
		if !ok {
			continue
		}
		data, ok := p.read(off, n, sum)
		if !ok {
			continue
		}
		s.mu.Lock()
		s.used[p] = true
		s.hits[binary.BigEndian.Uint64(k[:8])] = true
		s.mu.Unlock()
		return data, true
	}
	return nil, false
}

// Put adds an entry to this run's pack (written by Close). Failures (a
// full or read-only disk) only cost a later run the work again.
func (s *Store) Put(k Key, data []byte) {
	if s == nil || len(data) > MaxEntry {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	if s.pending == nil {
		pw, err := newPackWriter(filepath.Join(s.dir, "packs"))
		if err != nil {
			return
		}
		s.pending = pw
	}
	if _, dup := s.pending.ents[k]; dup {
		return
	}
	if err := s.pending.add(k, data); err != nil {
		s.pending.abort()
		s.pending = nil
	}
}

// Close writes this run's pack (its new entries and the keys it used),
// refreshes the time of the packs it read, and trims the folder when
// due. The store reads nothing more afterwards.
func (s *Store) Close() error {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	now := s.now()
	today := unixDay(now)
	var err error
	if len(s.hits) > 0 && s.pending == nil {
		s.pending, err = newPackWriter(filepath.Join(s.dir, "packs"))
	}
	if s.pending != nil {
		uses := make(map[uint64]uint32, len(s.pending.ents)+len(s.hits))
		for k := range s.pending.ents {
			uses[binary.BigEndian.Uint64(k[:8])] = today
		}
		for h := range s.hits {
			uses[h] = today
		}
		err = s.pending.finish(s.packName(), uses, 0)
		s.pending = nil
	}
	for p := range s.used {
		touch(p.path, p.mtime, now)
	}
	s.maintain(now)
	for _, p := range s.packs {
		p.f.Close()
	}
	return err
}

// touch marks a file used now, at most once an hour (as Go's build cache
// does), so that trimming by age keeps what runs still use.
func touch(path string, mtime, now time.Time) {
	if now.Sub(mtime) > time.Hour {
		os.Chtimes(path, now, now)
	}
}

func unixDay(t time.Time) uint32 { return uint32(t.Unix() / 86400) }
