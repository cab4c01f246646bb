package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/wranglint/wranglint/lint/source"
)

// Warm means up to date. A run records every path it read or probed
// (file reads, stats, folder listings, real paths, discovery's walk, the
// git index; what was missing as much as what was found), with each
// path's identity as the run ends (device, inode, mode, size, modification
// and change times) and a hash of what the run read. The next run of the
// same build with the same arguments and environment (the caller's Key)
// looks at those paths again; when every one answers as before, the run's
// output (standard output and error, in order, and the exit code) is
// replayed byte for byte.
//
// Racy-clean rule, as git's index: a path whose modification or change
// time is within RacyWindow of the run's start could have changed while
// the run read it without its times showing it, so its content (or
// listing) is compared by hash, never trusted from its times; a failed
// read or a listing so recent is not recorded at all (the next run is a
// full one). A path that changed between the run's reading it and the
// record (its kind, size or link target differs from what was used) stops
// the record.

// RacyWindow covers file systems' coarse timestamps (FAT keeps 2 s) and
// the clocks behind them.
const RacyWindow = 2 * time.Second

// maxRecord bounds a journal record a run reads.
const maxRecord = 256 << 20

// Journal collects the file sets of one run.
type Journal struct {
	start time.Time
	mu    sync.Mutex
	sets  []*source.FileSet
}

// NewJournal begins a run's journal; start must be taken before the run
// reads anything.
func NewJournal(start time.Time) *Journal { return &Journal{start: start} }

// Watch makes fs record every question it asks the disk.
func (j *Journal) Watch(fs *source.FileSet) {
	if j == nil {
		return
	}
	fs.StartJournal()
	j.mu.Lock()
	j.sets = append(j.sets, fs)
	j.mu.Unlock()
}

// Output is what a run printed, in order, and its exit code.
type Output struct {
	Chunks []Chunk
	Code   int
}

// Chunk is one write to a stream (1: standard output, 2: standard error).
type Chunk struct {
	Stream byte
	Data   []byte
}

// Capture returns writers that pass writes on to stdout and stderr and
// keep them, in order, in o.
func (o *Output) Capture(stdout, stderr io.Writer) (outW, errW io.Writer) {
	var mu sync.Mutex
	return &captureWriter{o: o, w: stdout, stream: 1, mu: &mu}, &captureWriter{o: o, w: stderr, stream: 2, mu: &mu}
}

type captureWriter struct {
	o      *Output
	w      io.Writer
	stream byte
	mu     *sync.Mutex
}

func (c *captureWriter) Write(p []byte) (int, error) {
	c.mu.Lock()
	if n := len(c.o.Chunks); n > 0 && c.o.Chunks[n-1].Stream == c.stream {
		c.o.Chunks[n-1].Data = append(c.o.Chunks[n-1].Data, p...)
	} else {
		c.o.Chunks = append(c.o.Chunks, Chunk{Stream: c.stream, Data: append([]byte(nil), p...)})
	}
	c.mu.Unlock()
	return c.w.Write(p)
}

// Unwrap returns the writer underneath, through every wrapper that has
// one (a terminal check looks there).
func (c *captureWriter) Unwrap() io.Writer {
	w := c.w
	for {
		u, ok := w.(interface{ Unwrap() io.Writer })
		if !ok {
			return w
		}
		w = u.Unwrap()
	}
}

// errClass tells apart the failures a stat can have: the run's messages
// differ between a missing path and one it may not read.
func errClass(err error) byte {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, fs.ErrNotExist):
		return 1
	case errors.Is(err, fs.ErrPermission):
		return 2
	case errors.Is(err, syscall.ENOTDIR):
		return 3
	case errors.Is(err, syscall.ELOOP):
		return 4
	}
	return 5
}

// ident is what a stat says about a path.
type ident struct {
	kind     int8
	errc     byte
	dev, ino uint64
	mode     uint32
	size     int64
	mtime    int64
	ctime    int64
	uid      uint32
}

func identOf(info fs.FileInfo, err error) ident {
	if err != nil {
		return ident{kind: source.KindMissing, errc: errClass(err)}
	}
	id := ident{mode: uint32(info.Mode()), size: info.Size(), mtime: info.ModTime().UnixNano()}
	switch {
	case info.Mode().IsRegular():
		id.kind = source.KindRegular
	case info.IsDir():
		id.kind = source.KindDir
	default:
		id.kind = source.KindOther
	}
	id.dev, id.ino, id.ctime, id.uid = sysIdentity(info)
	return id
}

// racy: the path's times are too close to the run's start to say that
// nothing changed after the run looked.
func (id ident) racy(start time.Time) bool {
	edge := start.Add(-RacyWindow).UnixNano()
	return id.kind != source.KindMissing && (id.mtime >= edge || id.ctime >= edge)
}

// obs is one recorded path.
type obs struct {
	path     string
	ops      source.Op
	kind     int8 // OpStat's answer
	errc     byte // OpStat's failure
	lkind    int8 // OpLstat's answer
	id       ident
	racy     bool
	ok       bool     // the read or listing succeeded
	sum      [32]byte // of the bytes read or the names listed
	real     string
	looked   []string // the names looked up (OpLookup)
	meta     ident    // OpMeta's answer: kind, failure, mode and owner
	hasIdent bool
}

const needIdent = source.OpRead | source.OpRaw | source.OpIndex | source.OpList | source.OpLookup | source.OpWalk

var (
	errChanged       = errors.New("changed while the run read it")
	errNothingLoaded = errors.New("the run stopped before loading anything")
)

// ChangedError says why a run was not recorded: a path it read changed
// while it ran (or could have, unseen), or failed for a passing reason.
type ChangedError struct{ Path string }

func (e *ChangedError) Error() string {
	return e.Path + " changed while the run read it (or may have: its times are too recent to tell)"
}

// observe turns what a file set used into a record entry, looking at the
// path again now; errChanged when it no longer answers as the run saw it.
func observe(o source.Observation, start time.Time, reals *realPaths) (obs, error) {
	r := obs{path: o.Path, ops: o.Ops, kind: o.Kind, lkind: o.LKind, real: o.Real}
	if o.Transient {
		return r, errChanged
	}
	// A file read whole is known by what its open descriptor said: no
	// need to look again (anything after the read shows in its times).
	readOnly := o.Ops&source.OpRead != 0 && o.ReadOK && o.ReadInfo != nil && o.Ops&^(source.OpRead|source.OpStat|source.OpRealPath) == 0
	switch {
	case readOnly:
		r.id = identOf(o.ReadInfo, nil)
		r.hasIdent = true
		r.racy = r.id.racy(start)
		if o.Ops&source.OpStat != 0 {
			if o.Kind != source.KindRegular {
				return r, errChanged // the run saw it missing, then read it
			}
		}
	case o.Ops&(source.OpStat|needIdent) != 0:
		info, err := os.Stat(o.Path)
		r.id = identOf(info, err)
		r.hasIdent = o.Ops&needIdent != 0
		r.racy = r.hasIdent && r.id.racy(start)
		if o.Ops&source.OpStat != 0 {
			if r.id.kind != o.Kind {
				return r, errChanged
			}
			r.errc = r.id.errc
		}
	}
	if o.Ops&source.OpLstat != 0 {
		info, err := os.Lstat(o.Path)
		if identOf(info, err).kind != o.LKind {
			return r, errChanged
		}
	}
	if o.Ops&source.OpMeta != 0 {
		var used ident
		if o.Meta == nil {
			used = ident{kind: source.KindMissing}
		} else {
			used = identOf(o.Meta, nil)
		}
		info, err := os.Stat(o.Path)
		r.meta = metaOf(identOf(info, err))
		if r.meta.kind != used.kind || r.meta.mode != used.mode || r.meta.uid != used.uid {
			return r, errChanged
		}
	}
	switch {
	case o.Ops&(source.OpRead|source.OpRaw|source.OpIndex) != 0:
		r.ok = o.ReadOK
		if o.ReadOK && o.ReadFailed || !o.ReadOK && r.racy {
			return r, errChanged
		}
		if o.ReadOK {
			if r.id.kind != source.KindRegular || r.id.size != o.Size && o.Ops&source.OpIndex == 0 {
				return r, errChanged
			}
			r.sum = o.Sum
		}
	case o.Ops&source.OpList != 0:
		r.ok = o.ListOK
		if !o.ListOK && r.racy {
			return r, errChanged
		}
		r.sum = namesSum(o.Names)
	case o.Ops&source.OpLookup != 0:
		r.ok = o.ListOK
		if !o.ListOK && r.racy {
			return r, errChanged
		}
		r.looked = o.Lookups
		r.sum = sha256.Sum256(o.Answers)
	case o.Ops&source.OpWalk != 0:
		r.ok = o.WalkOK
		if !o.WalkOK && r.racy {
			return r, errChanged
		}
		r.sum = walkSum(o.Walk)
	}
	if o.Ops&source.OpRealPath != 0 && reals.of(o.Path) != o.Real {
		return r, errChanged
	}
	return r, nil
}

// metaOf keeps what a trust check reads of a stat: kind, failure, mode
// and owner (not times: a folder such as /tmp changes all the time).
func metaOf(id ident) ident {
	return ident{kind: id.kind, errc: id.errc, mode: id.mode, uid: id.uid}
}

// realPath is FileSet.RealPath's answer (filepath.EvalSymlinks, else the
// path itself).
func realPath(p string) string {
	r, err := filepath.EvalSymlinks(p)
	if err != nil {
		return p
	}
	return r
}

// realPaths answers realPath for many paths of the same trees, looking
// at each folder once: a monorepo's thousands of modules share their
// folders. It resolves as EvalSymlinks does on Unix (each component in
// turn, a link's target read from the resolved folder); wherever it
// disagrees, the answer is not the run's and the record is a full run's
// (never a wrong replay).
type realPaths struct {
	mu   sync.Mutex
	memo map[string]realAnswer
}

type realAnswer struct {
	path string
	ok   bool
}

func newRealPaths() *realPaths { return &realPaths{memo: map[string]realAnswer{}} }

func (rp *realPaths) of(p string) string {
	if runtime.GOOS == "windows" || !filepath.IsAbs(p) {
		return realPath(p)
	}
	if a := rp.resolve(filepath.Clean(p), 0); a.ok {
		return a.path
	}
	return p
}

// resolve finds the physical path of a clean absolute path.
func (rp *realPaths) resolve(p string, hops int) realAnswer {
	rp.mu.Lock()
	a, ok := rp.memo[p]
	rp.mu.Unlock()
	if ok {
		return a
	}
	a = rp.walk(p, hops)
	rp.mu.Lock()
	rp.memo[p] = a
	rp.mu.Unlock()
	return a
}

func (rp *realPaths) walk(p string, hops int) realAnswer {
	parent := filepath.Dir(p)
	if parent == p {
		return realAnswer{p, true} // the root
	}
	if hops > 255 {
		return realAnswer{} // a loop of links
	}
	dir := rp.resolve(parent, hops)
	if !dir.ok {
		return dir
	}
	cand := filepath.Join(dir.path, filepath.Base(p))
	info, err := os.Lstat(cand)
	if err != nil {
		return realAnswer{}
	}
	if info.Mode()&fs.ModeSymlink == 0 {
		return realAnswer{cand, true}
	}
	target, err := os.Readlink(cand)
	if err != nil {
		return realAnswer{}
	}
	if !filepath.IsAbs(target) {
		target = filepath.Join(dir.path, target)
	}
	return rp.resolve(filepath.Clean(target), hops+1)
}

func namesSum(names []string) [32]byte {
	h := sha256.New()
	for _, n := range names {
		h.Write([]byte(n))
		h.Write([]byte{0})
	}
	var s [32]byte
	h.Sum(s[:0])
	return s
}

func walkSum(entries []source.WalkEntry) [32]byte {
	h := sha256.New()
	var b [4]byte
	for _, e := range entries {
		h.Write([]byte(e.Name))
		binary.BigEndian.PutUint32(b[:], uint32(e.Type))
		h.Write(b[:])
	}
	var s [32]byte
	h.Sum(s[:0])
	return s
}

// verify looks at a recorded path again: true when it answers as it did.
func (r *obs) verify(reals *realPaths) bool {
	var id ident
	if r.ops&(source.OpStat|needIdent) != 0 {
		info, err := os.Stat(r.path)
		id = identOf(info, err)
		if r.ops&source.OpStat != 0 && (id.kind != r.kind || id.errc != r.errc) {
			return false
		}
	}
	if r.ops&source.OpLstat != 0 {
		info, err := os.Lstat(r.path)
		if identOf(info, err).kind != r.lkind {
			return false
		}
	}
	if r.ops&source.OpMeta != 0 {
		info, err := os.Stat(r.path)
		if m := metaOf(identOf(info, err)); m.kind != r.meta.kind || m.mode != r.meta.mode || m.uid != r.meta.uid {
			return false
		}
	}
	same := id == r.id && !r.racy
	switch {
	case r.ops&(source.OpRead|source.OpRaw|source.OpIndex) != 0 && !r.ok,
		r.ops&(source.OpList|source.OpLookup) != 0 && !r.ok,
		r.ops&source.OpWalk != 0 && !r.ok:
		if id != r.id { // a failure depends on every detail
			return false
		}
	case r.ops&source.OpIndex != 0:
		if !same && (id.kind != source.KindRegular || !sameIndex(r.path, r.sum)) {
			return false
		}
	case r.ops&(source.OpRead|source.OpRaw) != 0:
		if !same && (id.kind != source.KindRegular || id.size != r.id.size || !sameContent(r.path, id.size, r.sum)) {
			return false
		}
	case r.ops&source.OpList != 0:
		if id.mode != r.id.mode { // who may look inside decides what is missing
			return false
		}
		if !same {
			entries, err := os.ReadDir(r.path)
			if err != nil {
				return false
			}
			names := make([]string, len(entries))
			for i, e := range entries {
				names[i] = e.Name()
			}
			if namesSum(names) != r.sum {
				return false
			}
		}
	case r.ops&source.OpLookup != 0:
		if !same {
			entries, err := source.ListForCheck(r.path)
			if err != nil || sha256.Sum256(source.Answers(entries, r.looked)) != r.sum {
				return false
			}
		}
	case r.ops&source.OpWalk != 0:
		if id.mode != r.id.mode {
			return false
		}
		if !same {
			entries, err := os.ReadDir(r.path)
			if err != nil {
				return false
			}
			walk := make([]source.WalkEntry, len(entries))
			for i, e := range entries {
				walk[i] = source.WalkEntry{Name: e.Name(), Type: e.Type()}
			}
			if walkSum(walk) != r.sum {
				return false
			}
		}
	}
	if r.ops&source.OpRealPath != 0 && reals.of(r.path) != r.real {
		return false
	}
	return true
}

// sameIndex: a git index still tracks the same paths (a fresh clone's
// index differs in its stat data alone).
func sameIndex(path string, sum [32]byte) bool {
	data, err := source.ReadRegular(path, source.MaxIndexSize)
	return err == nil && source.IndexDigest(data) == sum
}

func sameContent(path string, size int64, sum [32]byte) bool {
	data, err := source.ReadRegular(path, size)
	return err == nil && sha256.Sum256(data) == sum
}

// Record stores what the journal's file sets observed and the run's
// output under key, unless something changed while the run read it.
func (s *Store) Record(key Key, j *Journal, out *Output) error {
	if s == nil || j == nil {
		return nil
	}
	var all []source.Observation
	j.mu.Lock()
	for _, fs := range j.sets {
		all = append(all, fs.Observations()...)
	}
	loaded := len(j.sets) > 0
	j.mu.Unlock()
	if !loaded {
		return errNothingLoaded // what stopped the run before loading was not journaled
	}
	all = covered(all)
	recs := make([]obs, len(all))
	reals := newRealPaths()
	var failed atomic.Pointer[string]
	parallel(len(all), func(i int) bool {
		r, err := observe(all[i], j.start, reals)
		recs[i] = r
		if err != nil {
			failed.CompareAndSwap(nil, &all[i].Path)
			return false
		}
		return true
	})
	if p := failed.Load(); p != nil {
		return &ChangedError{Path: *p}
	}
	data := encodeRecord(key, j.start, mergeObs(recs), out)
	return writeAtomic(filepath.Join(s.dir, "runs"), hex.EncodeToString(key[:]), data)
}

// mergeObs joins the entries of one path seen by several file sets.
func mergeObs(recs []obs) []obs {
	byPath := map[string]int{}
	var out []obs
	for _, r := range recs {
		if i, ok := byPath[r.path]; ok && out[i].ops == r.ops && out[i].sum == r.sum {
			continue
		}
		byPath[r.path] = len(out)
		out = append(out, r)
	}
	return out
}

// covered leaves out the paths the run found missing in a folder whose
// whole listing it used without their name (discovery walked it, or a
// caller read every name): the folder's entry in the record (its names,
// its mode) decides them, so a later run looks at the folder, not at each
// of them (the settings, lockfiles and .git looked for in every folder of
// a monorepo), and neither does the record.
func covered(all []source.Observation) []source.Observation {
	listed := map[string]map[string]bool{}
	for _, o := range all {
		var names []string
		switch {
		case o.Ops&source.OpWalk != 0 && o.WalkOK:
			for _, e := range o.Walk {
				names = append(names, e.Name)
			}
		case o.Ops&source.OpList != 0 && o.ListOK:
			names = o.Names
		default:
			continue
		}
		set := listed[o.Path]
		if set == nil {
			set = map[string]bool{}
			listed[o.Path] = set
		}
		for _, n := range names {
			set[n] = true
		}
	}
	out := make([]source.Observation, 0, len(all))
	for _, o := range all {
		names, ok := listed[filepath.Dir(o.Path)]
		if ok && !names[filepath.Base(o.Path)] && foundMissing(o) {
			continue
		}
		out = append(out, o)
	}
	return out
}

// foundMissing: every answer the run used says nothing is at the path.
func foundMissing(o source.Observation) bool {
	switch {
	case o.Ops&(source.OpLstat|source.OpWalk) != 0,
		o.Ops&source.OpStat != 0 && o.Kind != source.KindMissing,
		o.Ops&(source.OpRead|source.OpRaw) != 0 && o.ReadOK,
		o.Ops&(source.OpList|source.OpLookup) != 0 && o.ListOK,
		o.Ops&source.OpMeta != 0 && o.Meta != nil,
		o.Ops&source.OpRealPath != 0 && o.Real != o.Path:
		return false
	}
	return true
}

// ReplayStats says what an up-to-date check looked at.
type ReplayStats struct {
	Paths    int       // paths looked at again
	Recorded time.Time // when the recorded run started
	Changed  string    // a path that changed since ("" when none did, or no run was recorded)
}

// Replay returns the output recorded under key when every path the
// recorded run observed still answers as it did.
func (s *Store) Replay(key Key) (*Output, ReplayStats, bool) {
	var st ReplayStats
	if s == nil {
		return nil, st, false
	}
	path := filepath.Join(s.dir, "runs", hex.EncodeToString(key[:]))
	data, info, err := readRegular(path, maxRecord)
	if err != nil {
		return nil, st, false
	}
	start, recs, out, ok := decodeRecord(key, data)
	if !ok {
		return nil, st, false
	}
	st.Paths, st.Recorded = len(recs), start
	var changed atomic.Pointer[string]
	reals := newRealPaths()
	parallel(len(recs), func(i int) bool {
		if !recs[i].verify(reals) {
			changed.CompareAndSwap(nil, &recs[i].path)
			return false
		}
		return true
	})
	if p := changed.Load(); p != nil {
		st.Changed = *p
		return nil, st, false
	}
	touch(path, info.ModTime(), s.now())
	return out, st, true
}

// parallel calls f(0..n-1) on every core; f returning false stops early.
func parallel(n int, f func(int) bool) {
	workers := min(runtime.GOMAXPROCS(0), max(1, n/256))
	var next atomic.Int64
	var stop atomic.Bool
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if !f(i) {
					stop.Store(true)
				}
			}
		}()
	}
	wg.Wait()
}

// --- record format ----------------------------------------------------------
//
//	"WLRUN1\n", the key, the start (unix ns), the paths (sorted; each
//	path's shared prefix with the previous one, then the rest), each with
//	its questions and answers; the exit code and the output chunks; the
//	SHA-256 of all that.

var runMagic = []byte("WLRUN2\n")

func encodeRecord(key Key, start time.Time, recs []obs, out *Output) []byte {
	sortObs(recs)
	b := append([]byte(nil), runMagic...)
	b = append(b, key[:]...)
	b = binary.AppendVarint(b, start.UnixNano())
	b = binary.AppendUvarint(b, uint64(len(recs)))
	prev := ""
	for _, r := range recs {
		shared := 0
		for shared < len(prev) && shared < len(r.path) && prev[shared] == r.path[shared] {
			shared++
		}
		b = binary.AppendUvarint(b, uint64(shared))
		b = appendString(b, r.path[shared:])
		prev = r.path
		b = binary.AppendUvarint(b, uint64(r.ops))
		b = append(b, byte(r.kind), r.errc, byte(r.lkind), boolByte(r.racy), boolByte(r.ok), boolByte(r.hasIdent))
		if r.hasIdent {
			id := r.id
			b = append(b, byte(id.kind), id.errc)
			for _, n := range []uint64{id.dev, id.ino, uint64(id.mode), uint64(id.size), uint64(id.mtime), uint64(id.ctime), uint64(id.uid)} {
				b = binary.AppendUvarint(b, n)
			}
		}
		if r.ops&source.OpMeta != 0 {
			b = append(b, byte(r.meta.kind))
			b = binary.AppendUvarint(b, uint64(r.meta.mode))
			b = binary.AppendUvarint(b, uint64(r.meta.uid))
		}
		if r.ops&needIdent != 0 {
			b = append(b, r.sum[:]...)
		}
		if r.ops&source.OpRealPath != 0 {
			b = appendString(b, r.real)
		}
		if r.ops&source.OpLookup != 0 {
			b = binary.AppendUvarint(b, uint64(len(r.looked)))
			for _, n := range r.looked {
				b = appendString(b, n)
			}
		}
	}
	b = binary.AppendVarint(b, int64(out.Code))
	b = binary.AppendUvarint(b, uint64(len(out.Chunks)))
	for _, c := range out.Chunks {
		b = append(b, c.Stream)
		b = appendString(b, string(c.Data))
	}
	sum := sha256.Sum256(b)
	return append(b, sum[:]...)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func sortObs(recs []obs) {
	sort.SliceStable(recs, func(i, j int) bool { return recs[i].path < recs[j].path })
}

type recordReader struct {
	b   []byte
	err bool
}

func (r *recordReader) take(n uint64) []byte {
	if r.err || n > uint64(len(r.b)) {
		r.err = true
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *recordReader) uvarint() uint64 {
	n, k := binary.Uvarint(r.b)
	if k <= 0 {
		r.err = true
		return 0
	}
	r.b = r.b[k:]
	return n
}

func (r *recordReader) varint() int64 {
	n, k := binary.Varint(r.b)
	if k <= 0 {
		r.err = true
		return 0
	}
	r.b = r.b[k:]
	return n
}

func (r *recordReader) byte1() byte {
	b := r.take(1)
	if b == nil {
		return 0
	}
	return b[0]
}

func (r *recordReader) str() string { return string(r.take(r.uvarint())) }

func decodeRecord(key Key, data []byte) (time.Time, []obs, *Output, bool) {
	fail := func() (time.Time, []obs, *Output, bool) { return time.Time{}, nil, nil, false }
	if len(data) < len(runMagic)+32+32 || !bytes.HasPrefix(data, runMagic) {
		return fail()
	}
	body, sum := data[:len(data)-32], data[len(data)-32:]
	if s := sha256.Sum256(body); !bytes.Equal(s[:], sum) || !bytes.Equal(body[len(runMagic):len(runMagic)+32], key[:]) {
		return fail()
	}
	r := &recordReader{b: body[len(runMagic)+32:]}
	start := time.Unix(0, r.varint())
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		return fail()
	}
	recs := make([]obs, 0, n)
	prev := ""
	for range n {
		shared := r.uvarint()
		if shared > uint64(len(prev)) {
			return fail()
		}
		o := obs{path: prev[:shared] + r.str()}
		prev = o.path
		o.ops = source.Op(r.uvarint())
		o.kind, o.errc, o.lkind = int8(r.byte1()), r.byte1(), int8(r.byte1())
		o.racy, o.ok, o.hasIdent = r.byte1() == 1, r.byte1() == 1, r.byte1() == 1
		if o.hasIdent {
			o.id.kind, o.id.errc = int8(r.byte1()), r.byte1()
			o.id.dev, o.id.ino = r.uvarint(), r.uvarint()
			o.id.mode, o.id.size = uint32(r.uvarint()), int64(r.uvarint())
			o.id.mtime, o.id.ctime = int64(r.uvarint()), int64(r.uvarint())
			o.id.uid = uint32(r.uvarint())
		}
		if o.ops&source.OpMeta != 0 {
			o.meta.kind = int8(r.byte1())
			o.meta.mode, o.meta.uid = uint32(r.uvarint()), uint32(r.uvarint())
		}
		if o.ops&needIdent != 0 {
			copy(o.sum[:], r.take(32))
		}
		if o.ops&source.OpRealPath != 0 {
			o.real = r.str()
		}
		if o.ops&source.OpLookup != 0 {
			k := r.uvarint()
			if k > uint64(len(r.b)) {
				return fail()
			}
			for range k {
				o.looked = append(o.looked, r.str())
			}
		}
		if r.err {
			return fail()
		}
		recs = append(recs, o)
	}
	out := &Output{Code: int(r.varint())}
	chunks := r.uvarint()
	if chunks > uint64(len(r.b)) {
		return fail()
	}
	for range chunks {
		out.Chunks = append(out.Chunks, Chunk{Stream: r.byte1(), Data: []byte(r.str())})
	}
	if r.err || len(r.b) != 0 {
		return fail()
	}
	return start, recs, out, true
}

// String describes a record entry (tests).
func (r obs) String() string { return fmt.Sprintf("%s ops %b", r.path, r.ops) }
