//go:build unix

package settings

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wranglint/wranglint/lint/source"
)

// forWithin is f.For(dir) that fails the test instead of hanging.
func forWithin(t *testing.T, f *Finder, dir string) *Settings {
	t.Helper()
	done := make(chan *Settings, 1)
	go func() { done <- f.For(dir) }()
	select {
	case s := <-done:
		return s
	case <-time.After(10 * time.Second):
		t.Fatalf("settings lookup from %s did not end", dir)
	}
	return nil
}

// A .wranglint.jsonc that is not a regular file is an error at its path:
// never read (a FIFO would block), and the settings above do not silently
// apply in its place.
func TestFinderNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HOME", dir)
	write(t, filepath.Join(dir, "repo", ".git", "HEAD"), "ref: refs/heads/main\n")
	write(t, filepath.Join(dir, "repo", FileName), `{"rules": {"a": "off"}}`)
	fifo := filepath.Join(dir, "repo", "fifo", FileName)
	must(t, os.MkdirAll(filepath.Dir(fifo), 0o755))
	must(t, syscall.Mkfifo(fifo, 0o644))
	folder := filepath.Join(dir, "repo", "folder", FileName)
	must(t, os.MkdirAll(folder, 0o755))
	f := NewFinder(source.NewFileSet(dir, nil, nil), "")
	for path, want := range map[string]string{fifo: "is a FIFO (named pipe), not a regular file", folder: "is a folder, not a file"} {
		s := forWithin(t, f, filepath.Dir(path))
		if s == nil || s.File.Path != path || len(s.Problems) != 1 || !strings.Contains(s.Problems[0].Msg, want) {
			t.Errorf("%s: %+v", path, s)
			continue
		}
		if _, ok := s.Level("a"); ok {
			t.Error("the parent's settings apply in place of a broken settings file")
		}
	}
}

// Outside a repository the lookup ends at the user's home folder.
func TestFinderStopsAtHome(t *testing.T) {
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	t.Setenv("HOME", home)
	write(t, filepath.Join(dir, FileName), `{"rules": {"a": "off"}}`)
	must(t, os.MkdirAll(filepath.Join(home, "proj", "src"), 0o755))
	f := NewFinder(source.NewFileSet(dir, nil, nil), "")
	if s := f.For(filepath.Join(home, "proj", "src")); s != nil {
		t.Errorf("a settings file above the home folder applies: %s", s.File.Path)
	}
	write(t, filepath.Join(home, FileName), `{"rules": {"a": "info"}}`)
	f = NewFinder(source.NewFileSet(dir, nil, nil), "")
	if s := f.For(filepath.Join(home, "proj", "src")); s == nil || s.File.Path != filepath.Join(home, FileName) {
		t.Errorf("the home folder's own settings: %+v", s)
	}
}

// A settings file other users could have written is never used: in a
// folder writable by others (a project below /tmp), in a folder owned by
// another user, or itself writable by others. The lookup stops there and
// the Finder says which file it skipped and why.
func TestFinderSkipsFilesOthersCanWrite(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HOME", filepath.Join(dir, "home"))
	shared := filepath.Join(dir, "shared")
	write(t, filepath.Join(shared, FileName), `{"rules": {"a": "off"}}`)
	must(t, os.Chmod(shared, 0o1777))
	write(t, filepath.Join(shared, "proj", "src", "x.ts"), "")
	writable := filepath.Join(dir, "writable")
	write(t, filepath.Join(writable, FileName), `{"rules": {"a": "off"}}`)
	must(t, os.Chmod(filepath.Join(writable, FileName), 0o666))
	write(t, filepath.Join(writable, "proj", "x.ts"), "")

	f := NewFinder(source.NewFileSet(dir, nil, nil), "")
	if s := f.For(filepath.Join(shared, "proj", "src")); s != nil {
		t.Errorf("a settings file in a folder writable by others applies: %s", s.File.Path)
	}
	if s := f.For(filepath.Join(writable, "proj")); s != nil {
		t.Errorf("a settings file writable by others applies: %s", s.File.Path)
	}
	skipped := f.Skipped()
	if len(skipped) != 2 || skipped[0].Path != filepath.Join(shared, FileName) || !strings.Contains(skipped[0].Why, "is writable by other users") ||
		skipped[1].Path != filepath.Join(writable, FileName) || !strings.Contains(skipped[1].Why, "is writable by other users") {
		t.Errorf("skipped: %+v", skipped)
	}

	if os.Geteuid() != 0 {
		t.Skip("a folder owned by another user needs root to set up")
	}
	other := filepath.Join(dir, "other")
	write(t, filepath.Join(other, FileName), `{"rules": {"a": "off"}}`)
	write(t, filepath.Join(other, "proj", "x.ts"), "")
	must(t, os.Chown(other, 4242, 4242))
	f = NewFinder(source.NewFileSet(dir, nil, nil), "")
	if s := f.For(filepath.Join(other, "proj")); s != nil {
		t.Errorf("a settings file in another user's folder applies: %s", s.File.Path)
	}
	if sk := f.Skipped(); len(sk) != 1 || !strings.Contains(sk[0].Why, "is owned by another user (uid 4242)") {
		t.Errorf("skipped: %+v", sk)
	}
	// The owner of the linted folder may write settings into it anyway,
	// so its own folders are trusted (a checkout owned by the CI user,
	// linted as root in a container).
	must(t, os.Chown(filepath.Join(other, "proj"), 4242, 4242))
	f = NewFinder(source.NewFileSet(dir, nil, nil), "")
	if s := f.For(filepath.Join(other, "proj")); s == nil || s.File.Path != filepath.Join(other, FileName) {
		t.Errorf("the linted folder's owner's settings: %+v", s)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
