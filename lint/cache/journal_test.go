package cache

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wranglint/wranglint/lint/source"
)

// journalRun reads through a journaled file set what ask does and records
// it with the given output; it returns the key.
func journalRun(t *testing.T, s *Store, name string, start time.Time, ask func(fs *source.FileSet)) (Key, error) {
	t.Helper()
	j := NewJournal(start)
	fs := source.NewFileSet("/", nil, nil)
	j.Watch(fs)
	ask(fs)
	key := s.Key("run", []byte(name))
	return key, s.Record(key, j, &Output{Code: 1, Chunks: []Chunk{{1, []byte("out " + name)}, {2, []byte("err")}}})
}

func write(t *testing.T, path, data string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReplayUnlessChanged: an unchanged set of answers replays the output;
// each kind of change the run could see makes the next run a full one.
func TestReplayUnlessChanged(t *testing.T) {
	past := time.Now().Add(-time.Hour)
	type change struct {
		name string
		do   func(dir string)
	}
	changes := []change{
		{"a file's bytes", func(dir string) { write(t, filepath.Join(dir, "src/a.ts"), "export const a = 2;\n") }},
		{"a file's bytes, same size and time", func(dir string) {
			p := filepath.Join(dir, "src/a.ts")
			info, _ := os.Stat(p)
			write(t, p, "export const b = 1;\n")
			os.Chtimes(p, info.ModTime(), info.ModTime())
		}},
		{"a file removed", func(dir string) { os.Remove(filepath.Join(dir, "src/a.ts")) }},
		{"a missing file created", func(dir string) { write(t, filepath.Join(dir, "lib/impl.ts"), "x") }},
		{"a name added to a listed folder", func(dir string) { write(t, filepath.Join(dir, "src/new.ts"), "") }},
		{"a folder link re-pointed", func(dir string) {
			os.Remove(filepath.Join(dir, "shared"))
			os.Symlink(filepath.Join(dir, "variantB"), filepath.Join(dir, "shared"))
		}},
		{"a file link re-pointed", func(dir string) {
			os.Remove(filepath.Join(dir, "agent.ts"))
			os.Symlink(filepath.Join(dir, "src/b.ts"), filepath.Join(dir, "agent.ts"))
		}},
		{"a walked folder gains a file", func(dir string) { write(t, filepath.Join(dir, "walk/sub/x.ts"), "") }},
		{"a walked entry becomes a link", func(dir string) {
			os.Remove(filepath.Join(dir, "walk/f.ts"))
			os.Symlink(filepath.Join(dir, "src/a.ts"), filepath.Join(dir, "walk/f.ts"))
		}},
		{"a file looked for in a walked folder created", func(dir string) { write(t, filepath.Join(dir, "walk/.wranglint.jsonc"), "{}") }},
		{"a dangling link in a walked folder mended", func(dir string) { write(t, filepath.Join(dir, "src/gone.ts"), "") }},
		{"a walked folder made unreadable", func(dir string) { os.Chmod(filepath.Join(dir, "walk/sub"), 0o300) }},
		{"a path tracked by git added", func(dir string) {
			write(t, filepath.Join(dir, ".git/index"), string(gitIndex([]string{"src/a.ts", "src/b.ts"}, 1)))
		}},
		{"a file made unreadable", func(dir string) {
			if runtime.GOOS != "windows" && os.Getuid() != 0 {
				os.Chmod(filepath.Join(dir, "src/a.ts"), 0)
			} else {
				os.Remove(filepath.Join(dir, "src/a.ts"))
			}
		}},
	}
	ask := func(dir string) func(fs *source.FileSet) {
		return func(fs *source.FileSet) {
			fs.Read(filepath.Join(dir, "src/a.ts"))
			fs.Read(filepath.Join(dir, "lib/impl.ts")) // missing: a negative lookup
			fs.IsFile(filepath.Join(dir, "lib/impl.ts"))
			fs.ReadDir(filepath.Join(dir, "src"))
			fs.RealPath(filepath.Join(dir, "shared/x.ts"))
			fs.RealPath(filepath.Join(dir, "agent.ts"))
			fs.Discover([]string{filepath.Join(dir, "walk")})
			fs.IsFile(filepath.Join(dir, "walk/.wranglint.jsonc")) // missing, in a walked folder
			fs.IsFile(filepath.Join(dir, "walk/dangling.ts"))      // a link to nothing
			fs.Tracked(filepath.Join(dir, "src/a.ts"))
			fs.Forget(func(string) bool { return false }) // as the loader does once loaded
		}
	}
	setup := func(t *testing.T) string {
		dir := t.TempDir()
		write(t, filepath.Join(dir, "src/a.ts"), "export const a = 1;\n")
		write(t, filepath.Join(dir, "src/b.ts"), "export const b = 1;\n")
		write(t, filepath.Join(dir, "variantA/x.ts"), "a")
		write(t, filepath.Join(dir, "variantB/x.ts"), "b")
		write(t, filepath.Join(dir, "walk/f.ts"), "f")
		write(t, filepath.Join(dir, "walk/sub/g.ts"), "g")
		write(t, filepath.Join(dir, ".git/HEAD"), "ref: refs/heads/main\n")
		write(t, filepath.Join(dir, ".git/index"), string(gitIndex([]string{"src/a.ts"}, 1)))
		os.Symlink(filepath.Join(dir, "variantA"), filepath.Join(dir, "shared"))
		os.Symlink(filepath.Join(dir, "src/a.ts"), filepath.Join(dir, "agent.ts"))
		os.Symlink(filepath.Join(dir, "src/gone.ts"), filepath.Join(dir, "walk/dangling.ts"))
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			os.Chtimes(p, past, past) // long before the run: nothing racy
			return nil
		})
		return dir
	}
	unchanged := []change{
		{"nothing", func(string) {}},
		{"the git index rewritten with other stat data (a fresh clone)", func(dir string) {
			write(t, filepath.Join(dir, ".git/index"), string(gitIndex([]string{"src/a.ts"}, 7)))
		}},
		{"a file rewritten with the same bytes", func(dir string) { write(t, filepath.Join(dir, "src/a.ts"), "export const a = 1;\n") }},
	}
	for _, c := range append(unchanged, changes...) {
		t.Run(c.name, func(t *testing.T) {
			dir := setup(t)
			s := openTest(t, t.TempDir())
			key, err := journalRun(t, s, "r", time.Now(), ask(dir))
			if err != nil {
				t.Fatal(err)
			}
			c.do(dir)
			out, st, ok := s.Replay(key)
			if slices.ContainsFunc(unchanged, func(u change) bool { return u.name == c.name }) {
				if !ok || out.Code != 1 || len(out.Chunks) != 2 || string(out.Chunks[0].Data) != "out r" || st.Paths == 0 {
					t.Fatalf("not replayed: %+v %+v", out, st)
				}
				return
			}
			if ok {
				t.Fatalf("replayed after %s", c.name)
			}
		})
	}
}

// TestRacyClean: a file whose times are within RacyWindow of the run is
// compared by content; an edit that keeps its size and time (and, where
// the system has none, its change time) is still seen.
func TestRacyClean(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.ts")
	write(t, p, "export const a = 1;\n")
	s := openTest(t, t.TempDir())
	key, err := journalRun(t, s, "racy", time.Now(), func(fs *source.FileSet) { fs.Read(p) })
	if err != nil {
		t.Fatal(err)
	}
	if _, _, ok := s.Replay(key); !ok {
		t.Fatal("a racy file with the same content is the same")
	}
	info, _ := os.Stat(p)
	write(t, p, "export const b = 1;\n")
	os.Chtimes(p, info.ModTime(), info.ModTime())
	if _, _, ok := s.Replay(key); ok {
		t.Fatal("an edit within the same timestamp was missed")
	}
}

// TestNotRecorded: a path that changed while the run read it is either
// not recorded or never replayed; a run during which a file it looked
// for appeared is not recorded.
func TestNotRecorded(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.ts")
	write(t, p, "one")
	old := time.Now().Add(-time.Hour)
	os.Chtimes(p, old, old)
	s := openTest(t, t.TempDir())
	key, err := journalRun(t, s, "changed", time.Now(), func(fs *source.FileSet) {
		fs.Read(p)
		write(t, p, "three") // after the read, before the record
	})
	if _, _, ok := s.Replay(key); err == nil && ok {
		t.Error("replayed a run whose input changed after it read it")
	}
	_, err = journalRun(t, s, "appeared", time.Now(), func(fs *source.FileSet) {
		q := filepath.Join(dir, "b.ts")
		fs.IsFile(q)
		write(t, q, "new")
	})
	if _, ok := err.(*ChangedError); !ok || !strings.Contains(err.Error(), "b.ts") {
		t.Errorf("recorded a run during which a file it looked for appeared: %v", err)
	}
}

// TestRecordDamaged: a damaged or foreign record is never replayed.
func TestRecordDamaged(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.ts")
	write(t, p, "one")
	old := time.Now().Add(-time.Hour)
	os.Chtimes(p, old, old)
	s := openTest(t, t.TempDir())
	key, err := journalRun(t, s, "d", time.Now(), func(fs *source.FileSet) { fs.Read(p) })
	if err != nil {
		t.Fatal(err)
	}
	rec := filepath.Join(s.dir, "runs", hexKey(key))
	good, _ := os.ReadFile(rec)
	for name, bad := range map[string][]byte{
		"truncated": good[:len(good)-3], "flipped": flip(good, len(good)/2), "empty": nil,
	} {
		os.WriteFile(rec, bad, 0o600)
		if _, _, ok := s.Replay(key); ok {
			t.Errorf("%s record replayed", name)
		}
	}
	os.WriteFile(rec, good, 0o600)
	other := s.Key("run", []byte("other"))
	os.WriteFile(filepath.Join(s.dir, "runs", hexKey(other)), good, 0o600)
	if _, _, ok := s.Replay(other); ok {
		t.Error("a record filed under another key was replayed")
	}
	if runtime.GOOS != "windows" {
		os.Remove(rec)
		os.Symlink(filepath.Join(dir, "a.ts"), rec)
		if _, _, ok := s.Replay(key); ok {
			t.Error("a linked record was read")
		}
	}
}

func flip(b []byte, i int) []byte {
	out := append([]byte(nil), b...)
	out[i] ^= 0x40
	return out
}

func hexKey(k Key) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 64)
	for i, b := range k {
		out[2*i], out[2*i+1] = digits[b>>4], digits[b&15]
	}
	return string(out)
}

// TestLookupListing: a folder the resolver only looks names up in (the
// folders above a project: a home folder, /tmp) is checked for those
// names alone, found or missing, letter case too; one it went through
// whole is checked whole.
func TestLookupListing(t *testing.T) {
	for _, c := range []struct {
		name   string
		change string // a file to create
		all    bool
		replay bool
	}{
		{"unrelated name", "notes.txt", false, true},
		{"the name looked up", "package.json", false, false},
		{"the name in another case", "Package.json", false, false},
		{"a name looked up and found, still there", "", false, true},
		{"unrelated name, listing read whole", "notes.txt", true, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, filepath.Join(dir, "tsconfig.json"), "{}")
			past := time.Now().Add(-time.Hour)
			os.Chtimes(dir, past, past)
			s := openTest(t, t.TempDir())
			key, err := journalRun(t, s, "l", time.Now(), func(fs *source.FileSet) {
				fs.ListDir(dir)
				fs.Consult(dir, "package.json")
				fs.Consult(dir, "tsconfig.json")
				if c.all {
					fs.ConsultAll(dir)
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			if c.change != "" {
				write(t, filepath.Join(dir, c.change), "x")
			} else {
				os.Chtimes(dir, time.Now(), time.Now()) // the folder's times alone
			}
			if _, _, ok := s.Replay(key); ok != c.replay {
				t.Errorf("replayed %v, want %v", ok, c.replay)
			}
		})
	}
}

// TestRealPaths: the folder-at-a-time resolution agrees with
// filepath.EvalSymlinks: links to files and folders, relative and
// absolute, chains, links through links, missing targets, loops.
func TestRealPaths(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("EvalSymlinks itself answers there")
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a/b/file.ts"), "x")
	write(t, filepath.Join(dir, "c/other.ts"), "y")
	links := map[string]string{
		"l1":          "a/b",
		"l2":          filepath.Join(dir, "a"),
		"a/up":        "../c",
		"a/b/self":    ".",
		"chain":       "l1",
		"a/b/f":       "file.ts",
		"dangling":    "nothing/here",
		"loop1":       "loop2",
		"loop2":       "loop1",
		"c/into":      "../l2/b",
		"c/deep/link": "../../a/b/f",
	}
	os.MkdirAll(filepath.Join(dir, "c/deep"), 0o755)
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	rp := newRealPaths()
	for _, p := range []string{"l1/file.ts", "l2/b/file.ts", "a/up/other.ts", "a/b/self/self/file.ts", "chain/f", "a/b/f",
		"dangling", "dangling/x", "loop1", "loop1/x", "c/into/file.ts", "c/deep/link", "a/b/missing.ts", "a/b/file.ts/x", "l1", "."} {
		abs := filepath.Join(dir, p)
		if got, want := rp.of(abs), realPath(abs); got != want {
			t.Errorf("%s: %s, EvalSymlinks says %s", p, got, want)
		}
	}
}

// gitIndex writes a version 2 git index tracking paths, with stat data
// filled with the byte stat (what differs between clones).
func gitIndex(paths []string, stat byte) []byte {
	b := []byte("DIRC")
	b = binary.BigEndian.AppendUint32(b, 2)
	b = binary.BigEndian.AppendUint32(b, uint32(len(paths)))
	for _, p := range paths {
		start := len(b)
		for range 40 + 20 {
			b = append(b, stat)
		}
		b = binary.BigEndian.AppendUint16(b, uint16(len(p)))
		b = append(b, p...)
		b = append(b, 0)
		for (len(b)-start)%8 != 0 {
			b = append(b, 0)
		}
	}
	return append(b, make([]byte, 20)...) // the checksum, not read
}
