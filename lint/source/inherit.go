package source

import (
	"bytes"
	"path/filepath"
)

// Inherit fills a new file set with what prev read, except the changed
// paths (and the listings of their folders): an editor's next snapshot
// re-reads only what changed. A path whose in-memory contents differ
// between the two sets counts as changed too. It returns the changed
// paths as it took them.
func (s *FileSet) Inherit(prev *FileSet, changed []string) map[string]bool {
	drop := map[string]bool{}
	for _, p := range changed {
		drop[p] = true
	}
	for p, data := range s.overlay {
		if old, ok := prev.overlay[p]; !ok || !bytes.Equal(old, data) {
			drop[p] = true
		}
	}
	for p := range prev.overlay {
		if _, ok := s.overlay[p]; !ok {
			drop[p] = true // a buffer closed: the disk's file again
		}
	}
	for p := range prev.removed {
		drop[p] = true
	}
	for p := range s.removed {
		drop[p] = true
	}
	prev.mu.Lock()
	defer prev.mu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	for p, f := range prev.files {
		if !drop[p] {
			s.files[p] = f
		}
	}
	for p, err := range prev.absent {
		if !drop[p] {
			s.absent[p] = err
		}
	}
	for p, k := range prev.stats {
		if !drop[p] {
			s.stats[p] = k
		}
	}
	for d, l := range prev.dirs {
		if !droppedBelow(drop, d) {
			s.dirs[d] = l
		}
	}
	for p, r := range prev.reals {
		if !drop[p] {
			s.reals[p] = r
		}
	}
	for r, t := range prev.trackedByRoot {
		s.trackedByRoot[r] = t
	}
	return drop
}

// droppedBelow: a changed path lies directly in folder d (its listing may
// have changed).
func droppedBelow(drop map[string]bool, d string) bool {
	for p := range drop {
		if filepath.Dir(p) == d {
			return true
		}
	}
	return false
}

// HadFile reports whether the set read or saw a regular file at abs
// (without asking the disk).
func (s *FileSet) HadFile(abs string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.files[abs]; ok {
		return true
	}
	return s.stats[abs] == kindRegular
}

// IsFileNow reports whether abs is a regular file in the overlay or on
// disk, asking the disk (not the set's memory).
func (s *FileSet) IsFileNow(abs string) bool {
	if _, ok := s.overlay[abs]; ok {
		return true
	}
	return !s.removed[abs] && statKind(abs) == kindRegular
}

// Forget drops the contents the set read of every file keep rejects (a
// lockfile, a package.json read to find versions): after loading, only
// the files findings can point at are kept, so the live heap holds what
// output and fixes need. A later read of a dropped file reads it again.
func (s *FileSet) Forget(keep func(path string) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for p := range s.files {
		if !keep(p) {
			delete(s.files, p)
		}
	}
}
