package source

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
)

// A journal records every question a FileSet asks the disk during a run
// (reads, stats, listings, real paths, discovery's walk, the git index),
// with the answer the run used, so that the cache (lint/cache) can tell a
// later run whether asking again would give the same answers: when it
// would, that run's report is the same, and is replayed. Negative answers
// (a file that is not there) count as much as positive ones.

// Op is one kind of question asked about a path.
type Op uint16

const (
	OpStat     Op = 1 << iota // what is at the path, links followed
	OpRead                    // the file's bytes
	OpList                    // the folder's names (ReadDir)
	OpRealPath                // where the path's links lead
	OpLstat                   // what is at the path itself (the walk's root, .git)
	OpWalk                    // the folder's names and entry types, links not followed (discovery)
	OpRaw                     // bytes read outside the file set (the git index)
	OpLookup                  // names looked up in the folder's listing (ListDir, Consult)
	OpMeta                    // what is at the path, with its owner and mode (Stat)
	OpIndex                   // the paths a git index tracks (IndexDigest)

	opReadFailed // some read of the path failed (Observation.ReadFailed)
	opTransient  // a read failed for a passing reason (Observation.Transient)
	opReread     // read again (after Forget) with other bytes: a change while the run read
)

// Kinds of what is at a path, as Observation.Kind gives them.
const (
	KindMissing = int8(kindMissing)
	KindRegular = int8(kindRegular)
	KindDir     = int8(kindDir)
	KindOther   = int8(kindOther)
)

// WalkEntry is one name of a folder discovery walked, with its type bits
// (links not followed).
type WalkEntry struct {
	Name string
	Type fs.FileMode
}

// Observation is everything a run asked about one path, with the answers
// it used.
type Observation struct {
	Path string
	Ops  Op
	// Kind answered OpStat (and, for OpLstat, LKind): KindMissing ...
	Kind, LKind int8
	// Sum and Size are the SHA-256 and the length of the bytes OpRead or
	// OpRaw used (taken when read: the set may forget the bytes); ReadOK
	// is false when the read failed (then nothing was used but the
	// failure).
	Sum    [32]byte
	Size   int64
	ReadOK bool
	// ReadInfo is what the file read was, from the open file (OpRead).
	ReadInfo fs.FileInfo
	// ReadFailed: some read of the path failed (a file that then appeared
	// was read by one part of the run and missing for another).
	ReadFailed bool
	// Transient: a read or listing failed for a reason that may pass (too
	// many open files, an I/O error), not for what is at the path: the
	// run's report must not be replayed.
	Transient bool
	// Names answered OpList; ListOK is false when the listing failed.
	Names  []string
	ListOK bool
	// Lookups are the names looked up (OpLookup without OpList), Answers
	// what they found in the listing used; ListOK as for OpList.
	Lookups []string
	Answers []byte
	// Walk is the listing discovery walked (OpWalk); WalkOK as ListOK.
	Walk   []WalkEntry
	WalkOK bool
	// Real answered OpRealPath.
	Real string
	// Meta answered OpMeta (nil when the stat failed).
	Meta fs.FileInfo
}

type journal struct {
	mu       sync.Mutex
	ops      map[string]Op
	kinds    map[string]fileKind // answers given outside the set's memory
	lkinds   map[string]fileKind
	walked   map[string][]WalkEntry
	walkOK   map[string]bool
	sums     map[string]readSum // what each read (OpRead, OpRaw) gave
	looked   map[string]map[string]bool
	metas    map[string]fs.FileInfo
	readInfo map[string]fs.FileInfo
}

// StartJournal makes the set record every question it asks the disk from
// now on (Observations lists them).
func (s *FileSet) StartJournal() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.journal == nil {
		s.journal = &journal{ops: map[string]Op{}, kinds: map[string]fileKind{}, lkinds: map[string]fileKind{},
			walked: map[string][]WalkEntry{}, walkOK: map[string]bool{}, sums: map[string]readSum{}, looked: map[string]map[string]bool{},
			metas: map[string]fs.FileInfo{}, readInfo: map[string]fs.FileInfo{}}
	}
}

// note records a question; a nil journal (the default) records nothing.
func (j *journal) note(abs string, op Op) {
	if j == nil {
		return
	}
	j.mu.Lock()
	j.ops[abs] |= op
	j.mu.Unlock()
}

// consult records a name looked up in a listing.
func (j *journal) consult(dir, name string) {
	if j == nil {
		return
	}
	j.mu.Lock()
	names := j.looked[dir]
	if names == nil {
		names = map[string]bool{}
		j.looked[dir] = names
	}
	names[name] = true
	j.mu.Unlock()
}

type readSum struct {
	sum  [32]byte
	size int64
}

// noteRead records a read of the disk: what the open file was and a
// hash of what it held, or why the read failed.
func (j *journal) noteRead(abs string, info fs.FileInfo, data []byte, err error) {
	if j == nil {
		return
	}
	op := OpRead
	if err != nil {
		op |= opReadFailed
		if !lasting(err) {
			op |= opTransient
		}
	}
	var rs readSum
	if err == nil {
		rs = readSum{sha256.Sum256(data), int64(len(data))}
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	j.ops[abs] |= op
	if err != nil {
		return
	}
	if prev, ok := j.sums[abs]; ok && prev != rs {
		j.ops[abs] |= opReread
	}
	j.sums[abs] = rs
	if info != nil {
		j.readInfo[abs] = info
	}
}

// noteStat records an os.Stat made outside kind() with its answer.
func (j *journal) noteStat(abs string, info fs.FileInfo, err error) {
	if j == nil {
		return
	}
	j.mu.Lock()
	j.ops[abs] |= OpStat
	j.kinds[abs] = kindOf(info, err)
	j.mu.Unlock()
}

// noteMeta records an os.Stat whose owner and mode the caller uses.
func (j *journal) noteMeta(abs string, info fs.FileInfo, err error) {
	if j == nil {
		return
	}
	if err != nil {
		info = nil
	}
	j.mu.Lock()
	if _, seen := j.metas[abs]; !seen {
		j.metas[abs] = info
	}
	j.ops[abs] |= OpMeta
	j.mu.Unlock()
}

// noteLstat records an os.Lstat and its answer.
func (j *journal) noteLstat(abs string, info fs.FileInfo, err error) {
	if j == nil {
		return
	}
	j.mu.Lock()
	j.ops[abs] |= OpLstat
	j.lkinds[abs] = kindOf(info, err)
	j.mu.Unlock()
}

// lasting: an error that says what is at the path (and so stays while
// the path does), not a passing condition of the system.
func lasting(err error) bool {
	var tooLarge ErrTooLarge
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.ENOTDIR) ||
		errors.Is(err, syscall.ELOOP) || errors.Is(err, ErrNotRegular) || errors.Is(err, errIsDir) || errors.As(err, &tooLarge)
}

func kindOf(info fs.FileInfo, err error) fileKind {
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

// noteWalk records one call of discovery's WalkDir function: the root
// (looked at without following a link), an entry of a folder being
// walked, or a folder that could not be listed.
func (j *journal) noteWalk(root, p string, e fs.DirEntry, err error) {
	if j == nil {
		return
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	switch {
	case p == root && (e == nil || err == nil):
		j.ops[p] |= OpLstat
		j.lkinds[p] = kindMissing
		if e != nil {
			if info, ierr := e.Info(); ierr == nil {
				j.lkinds[p] = kindOf(info, nil)
			}
		}
	case err != nil: // the folder p was entered and cannot be listed
		j.walkOK[p] = false
	default:
		dir := filepath.Dir(p)
		j.walked[dir] = append(j.walked[dir], WalkEntry{Name: e.Name(), Type: e.Type()})
	}
}

// noteEnter records that discovery walks into the folder p.
func (j *journal) noteEnter(p string) {
	if j == nil {
		return
	}
	j.mu.Lock()
	j.ops[p] |= OpWalk
	if _, seen := j.walkOK[p]; !seen {
		j.walkOK[p] = true
	}
	j.mu.Unlock()
}

// noteIndex records the read of a git index: the digest of what the run
// took from it.
func (j *journal) noteIndex(abs string, data []byte, err error) {
	if j == nil {
		return
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	j.ops[abs] |= OpIndex
	if err == nil {
		j.sums[abs] = readSum{IndexDigest(data), int64(len(data))}
	} else {
		j.ops[abs] |= opReadFailed
	}
}

// noteRaw records a file read outside the set.
func (j *journal) noteRaw(abs string, data []byte, err error) {
	if j == nil {
		return
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	j.ops[abs] |= OpRaw
	if err == nil {
		j.sums[abs] = readSum{sha256.Sum256(data), int64(len(data))}
	} else {
		j.ops[abs] |= opReadFailed
	}
}

// Observations lists what the journal recorded, by path, with the
// answers the run used; nil when StartJournal was not called.
func (s *FileSet) Observations() []Observation {
	s.mu.Lock()
	j := s.journal
	s.mu.Unlock()
	if j == nil {
		return nil
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Observation, 0, len(j.ops))
	for p, ops := range j.ops {
		o := Observation{Path: p, Ops: ops &^ (opReadFailed | opTransient | opReread), ReadFailed: ops&opReadFailed != 0,
			Transient: ops&(opTransient|opReread) != 0}
		if ops&OpStat != 0 {
			k, ok := j.kinds[p]
			if !ok {
				k = s.stats[p]
			}
			o.Kind = int8(k)
		}
		if ops&OpLstat != 0 {
			o.LKind = int8(j.lkinds[p])
		}
		if ops&(OpRead|OpRaw|OpIndex) != 0 {
			if rs, ok := j.sums[p]; ok {
				o.Sum, o.Size, o.ReadOK = rs.sum, rs.size, true
				o.ReadInfo = j.readInfo[p]
			}
		}
		if ops&OpWalk != 0 {
			// discovery used every name and type of the folder: a new
			// file there is a new source, whatever else looked names up
			o.Ops &^= OpList | OpLookup
			ops = o.Ops
		}
		if ops&(OpList|OpLookup) != 0 {
			l := s.dirs[p]
			o.ListOK = l.err == nil
			o.Transient = o.Transient || l.err != nil && !lasting(l.err)
			if ops&OpList != 0 {
				o.Ops &^= OpLookup // every name counts
				for _, e := range l.entries {
					o.Names = append(o.Names, e.Name)
				}
			} else {
				o.Lookups = SortedKeys(j.looked[p])
				o.Answers = Answers(l.entries, o.Lookups)
			}
		}
		if ops&OpWalk != 0 {
			o.Walk, o.WalkOK = j.walked[p], j.walkOK[p]
		}
		if ops&OpRealPath != 0 {
			o.Real = s.reals[p]
		}
		if ops&OpMeta != 0 {
			o.Meta = j.metas[p]
		}
		out = append(out, o)
	}
	sort.Slice(out, func(i, k int) bool { return out[i].Path < out[k].Path })
	return out
}

// Answers encodes what each name finds in a listing, as a caller of
// ListDir looks names up: the entry of that exact name, else the first
// entry (by name) equal to it ignoring letter case, else nothing; with the
// entry's name and whether it is a folder or a regular file.
func Answers(entries []DirEntry, names []string) []byte {
	var b []byte
	for _, name := range names {
		b = append(b, name...)
		b = append(b, 0)
		var found *DirEntry
		for i := range entries {
			if entries[i].Name == name {
				found = &entries[i]
				break
			}
		}
		if found == nil {
			lower := strings.ToLower(name)
			for i := range entries {
				if strings.ToLower(entries[i].Name) == lower {
					found = &entries[i]
					break
				}
			}
		}
		if found == nil {
			b = append(b, 0, 0)
			continue
		}
		b = append(b, found.Name...)
		b = append(b, 0, 1, kindByte(found))
	}
	return b
}

func kindByte(e *DirEntry) byte {
	switch {
	case e.Dir:
		return 'd'
	case e.File:
		return 'f'
	}
	return 'o'
}

// ListForCheck lists a folder as a FileSet without an overlay does
// (ReadDir), for a later run that checks a listing again.
func ListForCheck(abs string) ([]DirEntry, error) {
	return NewFileSet("/", nil, nil).readDir(abs)
}
