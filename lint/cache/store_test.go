package cache

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func openTest(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(dir, Options{Salt: []byte("test build")})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPutCloseGet(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir)
	k1, k2 := s.Key("x", []byte("one")), s.Key("x", []byte("two"))
	if k1 == k2 || k1 != s.Key("x", []byte("one")) || k1 == s.Key("y", []byte("one")) || s.Key("x", []byte("a"), []byte("b")) == s.Key("x", []byte("ab")) {
		t.Fatal("keys do not tell their parts apart")
	}
	s.Put(k1, []byte("first"))
	if data, ok := s.Get(k1); !ok || string(data) != "first" {
		t.Fatalf("an entry of this run: %q %v", data, ok)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2 := openTest(t, dir)
	if data, ok := s2.Get(k1); !ok || string(data) != "first" {
		t.Fatalf("after Close: %q %v", data, ok)
	}
	if _, ok := s2.Get(k2); ok {
		t.Fatal("a key never written was found")
	}
	s2.Put(k2, []byte("second"))
	s2.Close()
	s3 := openTest(t, dir)
	for k, want := range map[Key]string{k1: "first", k2: "second"} {
		if data, ok := s3.Get(k); !ok || string(data) != want {
			t.Errorf("%q: %q %v", want, data, ok)
		}
	}
	other, err := Open(dir, Options{Salt: []byte("another build")})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := other.Get(other.Key("x", []byte("one"))); ok {
		t.Error("another build read this build's entry")
	}
	for _, p := range packsIn(t, dir) {
		if info, _ := os.Stat(p); info.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want private", p, info.Mode())
		}
	}
}

func packsIn(t *testing.T, dir string) []string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, "packs", "*"+packSuffix))
	return m
}

// TestOpenRefusesOthersFolders: a cache folder others can write into is
// refused (what they plant could hide findings), as ssh refuses one.
func TestOpenRefusesOthersFolders(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no modes to check")
	}
	for _, mode := range []os.FileMode{0o777, 0o775, 0o757, 0o1777} {
		dir := filepath.Join(t.TempDir(), "c")
		os.Mkdir(dir, 0o700)
		os.Chmod(dir, mode)
		if _, err := Open(dir, Options{Salt: []byte("x")}); !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "writable by other users") {
			t.Errorf("mode %v: %v", mode, err)
		}
	}
	// A folder inside replaced by a link to elsewhere is refused too.
	dir := t.TempDir()
	openTest(t, dir)
	elsewhere := t.TempDir()
	os.Remove(filepath.Join(dir, "runs"))
	os.Symlink(elsewhere, filepath.Join(dir, "runs"))
	if _, err := Open(dir, Options{Salt: []byte("x")}); !errors.Is(err, ErrRefused) {
		t.Errorf("runs/ as a link: %v", err)
	}
	// A new folder is private.
	fresh := filepath.Join(t.TempDir(), "a", "b")
	openTest(t, fresh)
	if info, _ := os.Stat(fresh); info.Mode().Perm() != 0o700 {
		t.Errorf("new cache folder has mode %v", info.Mode().Perm())
	}
}

// TestHostilePacks: a truncated, forged, oversized, FIFO, /dev/zero-linked
// or linked pack is a miss: never a hang, a crash or a huge read.
func TestHostilePacks(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir)
	k := s.Key("x", []byte("k"))
	s.Put(k, []byte("the real entry"))
	s.Close()
	good := packsIn(t, dir)[0]
	data, _ := os.ReadFile(good)
	name := filepath.Base(good)
	elsewhere := filepath.Join(t.TempDir(), "target.pack")
	os.WriteFile(elsewhere, data, 0o600)

	flipPayload := bytes.Replace(data, []byte("the real entry"), []byte("the fake entry"), 1)
	bigLen := append([]byte(nil), data...)
	binary.BigEndian.PutUint32(bigLen[len(bigLen)-footerSize-useEntry-indexEntry+40:], 1<<30) // the entry's length
	resum(bigLen)                                                                             // a checksum-valid frame: only the length is wrong
	cases := map[string]func(p string){
		"truncated":       func(p string) { os.WriteFile(p, data[:len(data)-5], 0o600) },
		"payload changed": func(p string) { os.WriteFile(p, flipPayload, 0o600) },
		"length forged":   func(p string) { os.WriteFile(p, bigLen, 0o600) },
		"empty":           func(p string) { os.WriteFile(p, nil, 0o600) },
		"garbage":         func(p string) { os.WriteFile(p, bytes.Repeat([]byte{0xff}, 4096), 0o600) },
		"link":            func(p string) { os.Symlink(elsewhere, p) },
		"folder":          func(p string) { os.Mkdir(p, 0o700) },
	}
	if runtime.GOOS != "windows" {
		cases["dev zero"] = func(p string) { os.Symlink("/dev/zero", p) }
		cases["fifo"] = func(p string) { mkfifo(t, p) }
		cases["writable by others"] = func(p string) { os.WriteFile(p, data, 0o600); os.Chmod(p, 0o666) }
	}
	for what, plant := range cases {
		os.RemoveAll(good)
		plant(good)
		done := make(chan bool)
		go func() {
			s := openTest(t, dir)
			data, ok := s.Get(k)
			done <- ok && string(data) == "the real entry"
		}()
		select {
		case real := <-done:
			if real {
				t.Errorf("%s: read the entry", what)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: Get hangs", what)
		}
		if got, _ := os.ReadFile(elsewhere); !bytes.Equal(got, data) {
			t.Fatalf("%s: the link's target was changed", what)
		}
	}
	_ = name
}

// TestWritesStayInside: links planted where the store writes are
// replaced, never written through.
func TestWritesStayInside(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir)
	victim := filepath.Join(t.TempDir(), "victim")
	os.WriteFile(victim, []byte("mine"), 0o600)
	os.Symlink(victim, filepath.Join(dir, "trim.txt"))
	s.Put(s.Key("x"), []byte("y"))
	s.Close()
	if got, _ := os.ReadFile(victim); string(got) != "mine" {
		t.Errorf("written through a link: %q", got)
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "packs")); len(entries) != 1 {
		t.Errorf("packs/ holds %d files", len(entries))
	}
}

// TestTrim: what no run used for TrimAge goes, a daily trim at most,
// what a run uses is kept, and the folder stays under MaxSize.
func TestTrim(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	open := func() *Store {
		s, err := Open(dir, Options{Salt: []byte("b"), Now: clock})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := open()
	old, used := s.Key("k", []byte("old")), s.Key("k", []byte("used"))
	s.Put(old, []byte("old"))
	s.Close()
	now = now.Add(time.Minute)
	s = open()
	s.Put(used, []byte("used"))
	s.Close()
	oldPack, usedPack := packsIn(t, dir)[0], packsIn(t, dir)[1]
	week := now.Add(-7 * 24 * time.Hour)
	os.Chtimes(oldPack, week, week)
	os.Chtimes(usedPack, week, week)
	legacy := filepath.Join(dir, "ab")
	os.Mkdir(legacy, 0o755)
	os.WriteFile(filepath.Join(legacy, strings.Repeat("ab", 32)), []byte("old layout"), 0o644)
	mine := filepath.Join(dir, "packs", "notes.txt")
	os.WriteFile(mine, []byte("a user's file"), 0o600)

	now = now.Add(time.Hour) // within a day of the last trim: nothing goes
	s = open()
	s.Get(used)
	s.Close()
	if len(packsIn(t, dir)) < 2 {
		t.Fatal("trimmed twice in a day")
	}
	now = now.Add(25 * time.Hour)
	s = open()
	if _, ok := s.Get(used); !ok {
		t.Fatal("the used entry is gone")
	}
	s.Close()
	if _, err := os.Stat(oldPack); !os.IsNotExist(err) {
		t.Error("a pack unused for a week was kept")
	}
	if _, err := os.Stat(usedPack); err != nil {
		t.Error("a pack used an hour ago was removed")
	}
	if _, err := os.Stat(legacy); !os.IsNotExist(err) {
		t.Error("entries of the old layout were kept")
	}
	if _, err := os.Stat(mine); err != nil {
		t.Error("a file the store did not write was removed")
	}
	in := open().Info()
	if in.LastTrim.IsZero() || in.Packs == 0 {
		t.Errorf("info: %+v", in)
	}
}

// TestMergeKeepsWhatIsUsed: past maxPacks a run merges this build's packs
// into one, dropping the entries no run used within TrimAge.
func TestMergeKeepsWhatIsUsed(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	open := func() *Store {
		s, err := Open(dir, Options{Salt: []byte("b"), Now: func() time.Time { return now }})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := open()
	stale := s.Key("k", []byte("stale"))
	s.Put(stale, []byte("stale"))
	s.Close()
	now = now.Add(6 * 24 * time.Hour)
	var keys []Key
	for i := range maxPacks + 1 {
		s := open()
		k := s.Key("k", []byte{byte(i)})
		keys = append(keys, k)
		s.Put(k, []byte{byte(i)})
		for _, prev := range keys {
			s.Get(prev)
		}
		s.Close()
		now = now.Add(time.Minute)
	}
	if n := len(packsIn(t, dir)); n > maxPacks {
		t.Fatalf("%d packs after the merge", n)
	}
	s = open()
	for i, k := range keys {
		if data, ok := s.Get(k); !ok || data[0] != byte(i) {
			t.Errorf("entry %d lost in the merge", i)
		}
	}
	if _, ok := s.Get(stale); ok {
		t.Error("an entry unused for six days survived the merge")
	}
}

func TestClean(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir)
	s.Put(s.Key("x"), []byte("y"))
	s.Close()
	os.WriteFile(filepath.Join(dir, "runs", strings.Repeat("0", 64)), []byte("r"), 0o600)
	keep := filepath.Join(dir, "README")
	os.WriteFile(keep, []byte("a user's file"), 0o600)
	files, _ := openTest(t, dir).Clean()
	if files < 2 {
		t.Errorf("removed %d files", files)
	}
	if len(packsIn(t, dir)) != 0 {
		t.Error("packs left")
	}
	if _, err := os.Stat(keep); err != nil {
		t.Error("clean removed a file it did not write")
	}
}

// TestBuildIdentity: the test binary has a Go build ID; a build without
// one is hashed, once.
func TestBuildIdentity(t *testing.T) {
	exe, _ := os.Executable()
	if id := goBuildID(exe); id == "" && runtime.GOOS == "linux" {
		t.Error("no Go build ID in the test binary")
	}
	s := openTest(t, t.TempDir())
	f := filepath.Join(t.TempDir(), "exe")
	os.WriteFile(f, []byte("a build without an ID"), 0o700)
	h1, err := s.hashExecutable(f)
	if err != nil || len(h1) != 64 {
		t.Fatal(h1, err)
	}
	if memo, _ := os.ReadDir(filepath.Join(s.dir, "ids")); len(memo) != 1 {
		t.Fatalf("the hash was not remembered: %d files", len(memo))
	}
	if h2, _ := s.hashExecutable(f); h2 != h1 {
		t.Error("the remembered hash differs")
	}
	os.WriteFile(f, []byte("another build, same size"), 0o700)
	if h3, _ := s.hashExecutable(f); h3 == h1 {
		t.Error("a changed executable kept its hash")
	}
}

// FuzzPack: any bytes as a pack are refused or read without a panic.
func FuzzPack(f *testing.F) {
	dir := f.TempDir()
	s := openTest2(f, dir)
	s.Put(s.Key("x"), []byte("entry"))
	s.Close()
	good, _ := filepath.Glob(filepath.Join(dir, "packs", "*"+packSuffix))
	data, _ := os.ReadFile(good[0])
	f.Add(data)
	f.Add([]byte("WLPACK1\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := readPackFrame(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return
		}
		for i := range p.n {
			var k Key
			copy(k[:], p.keyAt(i))
			off, n, _, ok := p.find(k)
			if !ok || off < 0 || n > 1<<31 {
				t.Fatal("index entry not found by its own key")
			}
		}
	})
}

// resum recomputes a pack's frame checksum after a test changed it.
func resum(b []byte) {
	foot := b[len(b)-footerSize:]
	off := binary.BigEndian.Uint64(foot)
	binary.BigEndian.PutUint32(foot[16:], crc32.Checksum(b[off:len(b)-footerSize], castagnoli))
}

func openTest2(f *testing.F, dir string) *Store {
	s, err := Open(dir, Options{Salt: []byte("test build")})
	if err != nil {
		f.Fatal(err)
	}
	return s
}
