package cache

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Trimming, as Go's build cache does it, at the end of a run:
//
//   - A file's time says when a run last used it (refreshed at most once
//     an hour). At most once a day (trim.txt) the folder is trimmed:
//     packs, journal records and executables' hashes unused for
//     TrimAge are removed, with temporaries older than a day and the
//     one-file-per-entry layout of earlier versions; then, while the
//     folder holds more than MaxSize, the least recently used packs and
//     records go.
//   - Each pack lists the keys its run used. When a build has more than
//     maxPacks packs, a run merges them into one holding only the entries
//     some run used within TrimAge, so a project edited all day does not
//     keep every past version of its files.
const (
	TrimAge   = 5 * 24 * time.Hour
	MaxSize   = 1 << 30
	trimEvery = 24 * time.Hour
	maxPacks  = 16
)

func (s *Store) maintain(now time.Time) {
	names, _ := s.packNames()
	mine := 0
	for _, n := range names {
		if strings.HasPrefix(n, s.prefix+"-") {
			mine++
		}
	}
	if mine > maxPacks {
		s.merge(now)
	}
	if s.trimDue(now) {
		s.trim(now)
	}
}

// merge rewrites this build's packs as one, keeping the entries used
// within TrimAge (the newest copy of each).
func (s *Store) merge(now time.Time) {
	names, _ := s.packNames()
	var packs []*pack // newest first
	for i := len(names) - 1; i >= 0; i-- {
		if strings.HasPrefix(names[i], s.prefix+"-") {
			if p, err := openPack(filepath.Join(s.dir, "packs", names[i])); err == nil {
				packs = append(packs, p)
			}
		}
	}
	defer func() {
		for _, p := range packs {
			p.f.Close()
		}
	}()
	cutoff := unixDay(now.Add(-TrimAge))
	live := map[uint64]uint32{}
	for _, p := range packs {
		uses, err := p.uses()
		if err != nil {
			return
		}
		for i := 0; i+useEntry <= len(uses); i += useEntry {
			prefix, day := binary.BigEndian.Uint64(uses[i:]), binary.BigEndian.Uint32(uses[i+8:])
			if day > live[prefix] {
				live[prefix] = day
			}
		}
	}
	pw, err := newPackWriter(filepath.Join(s.dir, "packs"))
	if err != nil {
		return
	}
	keep := map[uint64]uint32{}
	for _, p := range packs {
		for i := range p.n {
			var k Key
			copy(k[:], p.keyAt(i))
			prefix := binary.BigEndian.Uint64(k[:8])
			if _, dup := pw.ents[k]; dup || live[prefix] < cutoff {
				continue
			}
			off, n, sum, _ := p.find(k)
			data, ok := p.read(off, n, sum)
			if !ok {
				continue
			}
			if pw.add(k, data) != nil {
				pw.abort()
				return
			}
			keep[prefix] = live[prefix]
		}
	}
	if pw.finish(s.packName(), keep, flagMerged) != nil {
		return
	}
	for _, p := range packs {
		os.Remove(p.path)
	}
}

func (s *Store) trimDue(now time.Time) bool {
	data, _, err := readRegular(filepath.Join(s.dir, "trim.txt"), 64)
	if err != nil {
		return true
	}
	sec, err := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64)
	return err != nil || now.Sub(time.Unix(sec, 0)) >= trimEvery
}

// trim removes what no run used within TrimAge, then the least recently
// used until the folder is under MaxSize.
func (s *Store) trim(now time.Time) {
	type file struct {
		path  string
		size  int64
		mtime time.Time
	}
	var kept []file
	total := int64(0)
	for _, sub := range []string{"packs", "runs", "ids"} {
		dir := filepath.Join(s.dir, sub)
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			info, err := e.Info()
			if err != nil || !info.Mode().IsRegular() || !ours(sub, e.Name()) {
				continue
			}
			p := filepath.Join(dir, e.Name())
			age := now.Sub(info.ModTime())
			switch {
			case strings.HasPrefix(e.Name(), tempPrefix):
				if age > 24*time.Hour { // a run that was killed
					os.Remove(p)
				}
				continue
			case age > TrimAge:
				os.Remove(p)
				continue
			case sub == "packs":
				if pk, err := openPack(p); err != nil {
					os.Remove(p) // damaged: never readable again
					continue
				} else {
					pk.f.Close()
				}
			}
			kept = append(kept, file{p, info.Size(), info.ModTime()})
			total += info.Size()
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].mtime.Before(kept[j].mtime) })
	for _, f := range kept {
		if total <= MaxSize {
			break
		}
		if os.Remove(f.path) == nil {
			total -= f.size
		}
	}
	s.removeLegacy()
	writeAtomic(s.dir, "trim.txt", []byte(strconv.FormatInt(now.Unix(), 10)+"\n"))
}

// ours tells the files this package writes from anything else in a
// folder (a --cache-dir given by mistake must not lose a user's files).
func ours(sub, name string) bool {
	if strings.HasPrefix(name, tempPrefix) {
		return true
	}
	switch sub {
	case "packs":
		return strings.HasSuffix(name, packSuffix)
	case "runs", "ids":
		return isHex(name, 64)
	}
	return false
}

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// removeLegacy removes the entries of wranglint before packs: a folder
// per two hex digits holding files named by 64 hex digits.
func (s *Store) removeLegacy() int {
	n := 0
	entries, _ := os.ReadDir(s.dir)
	for _, e := range entries {
		if !e.IsDir() || !isHex(e.Name(), 2) {
			continue
		}
		dir := filepath.Join(s.dir, e.Name())
		files, _ := os.ReadDir(dir)
		for _, f := range files {
			if f.Type().IsRegular() && (isHex(f.Name(), 64) || strings.HasPrefix(f.Name(), tempPrefix)) && os.Remove(filepath.Join(dir, f.Name())) == nil {
				n++
			}
		}
		os.Remove(dir) // only when empty
	}
	return n
}

// Info describes a cache folder for `wranglint cache info`.
type Info struct {
	Dir            string
	Packs, Entries int   // this build's
	PackBytes      int64 // this build's
	OtherPacks     int   // other builds'
	OtherBytes     int64
	Records        int // journal records (every build's)
	RecordBytes    int64
	LastTrim       time.Time // zero: never
	Legacy         int       // entries of the layout before packs
	TrimAge        time.Duration
	MaxSize        int64
}

// Info reads the folder's contents without changing them.
func (s *Store) Info() Info {
	in := Info{Dir: s.dir, TrimAge: TrimAge, MaxSize: MaxSize}
	names, _ := s.packNames()
	for _, n := range names {
		p := filepath.Join(s.dir, "packs", n)
		if !strings.HasPrefix(n, s.prefix+"-") {
			if info, err := os.Lstat(p); err == nil {
				in.OtherPacks++
				in.OtherBytes += info.Size()
			}
			continue
		}
		if pk, err := openPack(p); err == nil {
			in.Packs++
			in.Entries += pk.n
			in.PackBytes += pk.size
			pk.f.Close()
		}
	}
	entries, _ := os.ReadDir(filepath.Join(s.dir, "runs"))
	for _, e := range entries {
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() && isHex(e.Name(), 64) {
			in.Records++
			in.RecordBytes += info.Size()
		}
	}
	if data, _, err := readRegular(filepath.Join(s.dir, "trim.txt"), 64); err == nil {
		if sec, err := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64); err == nil {
			in.LastTrim = time.Unix(sec, 0)
		}
	}
	dirs, _ := os.ReadDir(s.dir)
	for _, d := range dirs {
		if d.IsDir() && isHex(d.Name(), 2) {
			files, _ := os.ReadDir(filepath.Join(s.dir, d.Name()))
			in.Legacy += len(files)
		}
	}
	return in
}

// Clean removes every file this package wrote in the folder (every
// build's), and nothing else; it returns how many and their size.
func (s *Store) Clean() (files int, bytes int64) {
	s.mu.Lock()
	if s.pending != nil {
		s.pending.abort()
		s.pending = nil
	}
	s.closed = true
	s.mu.Unlock()
	for _, sub := range []string{"packs", "runs", "ids"} {
		dir := filepath.Join(s.dir, sub)
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			info, err := e.Info()
			if err != nil || !info.Mode().IsRegular() || !ours(sub, e.Name()) {
				continue
			}
			if os.Remove(filepath.Join(dir, e.Name())) == nil {
				files++
				bytes += info.Size()
			}
		}
	}
	files += s.removeLegacy()
	if info, err := os.Lstat(filepath.Join(s.dir, "trim.txt")); err == nil && info.Mode().IsRegular() && os.Remove(filepath.Join(s.dir, "trim.txt")) == nil {
		files++
	}
	return files, bytes
}
