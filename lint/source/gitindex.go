package source

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
)

// Files git tracks are never ignored: a .gitignore line only keeps
// untracked files out (git status, ripgrep and git's own index agree). A
// wrangler.jsonc committed before a .gitignore line matched it is the
// repository's config all the same. The tracked paths come from the
// index (.git/index), read once per repository.

// trackedSet is one repository's tracked paths (slash, relative to the
// work tree) and every folder holding one.
type trackedSet struct {
	files, dirs map[string]bool
}

// MaxIndexSize bounds the index read (a large monorepo's is tens of MB).
const MaxIndexSize = 256 << 20

// IndexDigest is what a run takes from a git index: the tracked paths
// (not the index's stat data, which differs in every clone), or that it
// could not read them.
func IndexDigest(data []byte) [32]byte {
	paths, ok := indexPaths(data)
	if !ok {
		return sha256.Sum256([]byte("unreadable index"))
	}
	h := sha256.New()
	for _, p := range paths {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// tracked returns the tracked paths of the repository whose work tree is
// root, or nil when they cannot be read (then nothing counts as tracked).
func (s *FileSet) tracked(root string) *trackedSet {
	s.mu.Lock()
	t, ok := s.trackedByRoot[root]
	s.mu.Unlock()
	if ok {
		return t
	}
	t = readTracked(root, s.journal)
	s.mu.Lock()
	s.trackedByRoot[root] = t
	s.mu.Unlock()
	return t
}

// Tracked reports whether git tracks the file or folder at abs (a folder:
// some file below it).
func (s *FileSet) Tracked(abs string) bool {
	root := s.RepoRoot(filepath.Dir(abs))
	if root == "" {
		return false
	}
	t := s.tracked(root)
	if t == nil {
		return false
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	return t.files[rel] || t.dirs[rel]
}

func readTracked(root string, j *journal) *trackedSet {
	dir, ok := gitDir(root, j)
	if !ok {
		return nil
	}
	data, err := ReadRegular(filepath.Join(dir, "index"), MaxIndexSize)
	j.noteIndex(filepath.Join(dir, "index"), data, err)
	if err != nil {
		return nil
	}
	paths, ok := indexPaths(data)
	if !ok {
		return nil
	}
	t := &trackedSet{files: map[string]bool{}, dirs: map[string]bool{}}
	for _, p := range paths {
		t.files[p] = true
		for d := p; ; {
			i := strings.LastIndexByte(d, '/')
			if i < 0 || t.dirs[d[:i]] {
				break
			}
			d = d[:i]
			t.dirs[d] = true
		}
	}
	return t
}

// gitDir finds the git folder of a work tree: .git itself, or the folder
// a .git file names (a linked worktree or a submodule).
func gitDir(root string, j *journal) (string, bool) {
	p := filepath.Join(root, ".git")
	info, err := os.Lstat(p)
	j.noteLstat(p, info, err)
	switch {
	case err != nil:
		return "", false
	case info.IsDir():
		return p, true
	case !info.Mode().IsRegular():
		return "", false
	}
	data, err := ReadRegular(p, 4096)
	j.noteRaw(p, data, err)
	if err != nil {
		return "", false
	}
	line, ok := strings.CutPrefix(strings.TrimSpace(string(data)), "gitdir:")
	if !ok {
		return "", false
	}
	dir := strings.TrimSpace(line)
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(root, dir)
	}
	return dir, true
}

// indexPaths reads the paths of a git index (versions 2, 3 and 4, SHA-1
// object names). ok is false for anything else: then nothing is known.
func indexPaths(b []byte) ([]string, bool) {
	if len(b) < 12 || string(b[:4]) != "DIRC" {
		return nil, false
	}
	version := binary.BigEndian.Uint32(b[4:8])
	count := int(binary.BigEndian.Uint32(b[8:12]))
	if version < 2 || version > 4 || count > len(b)/62 {
		return nil, false
	}
	const statSize, hashSize = 40, 20
	out := make([]string, 0, count)
	prev := ""
	at := 12
	for i := 0; i < count; i++ {
		start := at
		at += statSize + hashSize
		if at+2 > len(b) {
			return nil, false
		}
		flags := binary.BigEndian.Uint16(b[at:])
		at += 2
		if version >= 3 && flags&0x4000 != 0 {
			at += 2 // extended flags
		}
		if at > len(b) {
			return nil, false
		}
		var name string
		if version == 4 {
			strip, n := binary.Uvarint(b[at:])
			if n <= 0 || int(strip) > len(prev) {
				return nil, false
			}
			at += n
			end := bytes.IndexByte(b[at:], 0)
			if end < 0 {
				return nil, false
			}
			name = prev[:len(prev)-int(strip)] + string(b[at:at+end])
			at += end + 1
		} else {
			end := bytes.IndexByte(b[at:], 0)
			if end < 0 {
				return nil, false
			}
			name = string(b[at : at+end])
			at += end + 1
			// entries are padded with NULs to a multiple of 8 bytes
			for (at-start)%8 != 0 {
				at++
			}
		}
		out = append(out, name)
		prev = name
	}
	return out, true
}
