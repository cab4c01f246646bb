package fix

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
)

// fixed is a Result that changes one file of dir from old to new (and,
// with to, renames it).
func fixed(t *testing.T, dir, name, old, new, to string) *Result {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &Result{Original: map[string][]byte{path: []byte(old)}, Fixed: map[string][]byte{}, Renamed: map[string]string{},
		Project: &project.Project{Files: source.NewFileSet(dir, nil, nil), Options: project.LoadOptions{Paths: []string{dir}, WorkDir: dir}}}
	if to == "" {
		r.Fixed[path] = []byte(new)
	} else {
		r.Renamed[path] = filepath.Join(dir, to)
		r.Fixed[filepath.Join(dir, to)] = []byte(new)
	}
	return r
}

func hook(t *testing.T, before, after func(string)) {
	if before != nil {
		testHookBeforeRename = before
	}
	if after != nil {
		testHookAfterRename = after
	}
	t.Cleanup(func() { testHookBeforeRename, testHookAfterRename = func(string) {}, func(string) {} })
}

func appendTo(t *testing.T, path, text string) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(text)
	f.Close()
}

func content(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// noTemporaries fails if a temporary or backup file was left behind.
func noTemporaries(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".wranglint-") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// A user's edit made after the fix was computed, up to the moment of the
// rename, is kept, and the fix is not written over it.
func TestWriteKeepsEditBeforeRename(t *testing.T) {
	dir := t.TempDir()
	r := fixed(t, dir, "a.ts", "old\n", "new\n", "")
	path := filepath.Join(dir, "a.ts")
	hook(t, func(string) { appendTo(t, path, "mine\n") }, nil)
	err := Write(r)
	if err == nil || !strings.Contains(err.Error(), "changed on disk") {
		t.Fatalf("Write: %v", err)
	}
	if got := content(t, path); got != "old\nmine\n" {
		t.Errorf("the user's version is lost: %q", got)
	}
	noTemporaries(t, dir)
}

// A write that reaches the replaced file during the rename (an editor
// holding it open) is detected and the user's file put back.
func TestWriteRestoresEditDuringRename(t *testing.T) {
	dir := t.TempDir()
	r := fixed(t, dir, "a.ts", "old\n", "new\n", "")
	path := filepath.Join(dir, "a.ts")
	held, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	hook(t, nil, func(string) { held.WriteString("mine\n") })
	if err := Write(r); err == nil || !strings.Contains(err.Error(), "put back") {
		t.Fatalf("Write: %v", err)
	}
	if got := content(t, path); got != "old\nmine\n" {
		t.Errorf("the user's version is lost: %q", got)
	}
	noTemporaries(t, dir)
}

// The wrangler.json -> wrangler.jsonc rename checks the original too,
// before and after moving it.
func TestWriteRenameKeepsEdits(t *testing.T) {
	for _, when := range []string{"before", "after"} {
		t.Run(when, func(t *testing.T) {
			dir := t.TempDir()
			r := fixed(t, dir, "wrangler.json", "{}\n", "{}\n", "wrangler.jsonc")
			from := filepath.Join(dir, "wrangler.json")
			held, err := os.OpenFile(from, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer held.Close()
			edit := func(string) { held.WriteString("// mine\n") }
			if when == "before" {
				hook(t, edit, nil)
			} else {
				hook(t, nil, edit)
			}
			if err := Write(r); err == nil {
				t.Fatal("the edit went unnoticed")
			}
			if got := content(t, from); got != "{}\n// mine\n" {
				t.Errorf("wrangler.json: %q", got)
			}
			if _, err := os.Lstat(filepath.Join(dir, "wrangler.jsonc")); err == nil {
				t.Error("wrangler.jsonc was created anyway")
			}
			noTemporaries(t, dir)
		})
	}
	dir := t.TempDir()
	r := fixed(t, dir, "wrangler.json", "{}\n", "{}\n", "wrangler.jsonc")
	must(t, os.Chmod(filepath.Join(dir, "wrangler.json"), 0o600))
	if err := Write(r); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(filepath.Join(dir, "wrangler.jsonc")); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("a renamed 0600 file must stay 0600: %v %v", info, err)
	}
}

// Mode bits (setuid and setgid too) and, for root, owner and group are
// kept; nothing is ever more open than before.
func TestWriteKeepsModeAndOwner(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	dir := t.TempDir()
	for _, mode := range []os.FileMode{0o600, 0o640, 0o755 | os.ModeSetuid | os.ModeSetgid} {
		r := fixed(t, dir, "a.ts", "old\n", "new\n", "")
		path := filepath.Join(dir, "a.ts")
		owner := os.Getuid() == 0
		if owner {
			must(t, os.Chown(path, 12345, 23456))
		}
		must(t, os.Chmod(path, mode)) // after chown, which clears setuid and setgid
		if err := Write(r); err != nil {
			t.Fatal(err)
		}
		info, _ := os.Stat(path)
		if got := info.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid); got != mode {
			t.Errorf("mode %v became %v", mode, got)
		}
		if uid, gid, ok := ownerOf(info); ok && owner && (uid != 12345 || gid != 23456) {
			t.Errorf("owner %d:%d, want 12345:23456", uid, gid)
		}
		if content(t, path) != "new\n" {
			t.Error("not written")
		}
	}
}

// Only regular files inside the linted folders are written; a link is
// written through to an inside target and stays a link.
func TestWriteStaysInside(t *testing.T) {
	root := t.TempDir()
	dir, outside := filepath.Join(root, "proj"), filepath.Join(root, "outside")
	must(t, os.MkdirAll(dir, 0o755))
	must(t, os.MkdirAll(outside, 0o755))
	r := fixed(t, outside, "x.ts", "old\n", "new\n", "")
	r.Project.Options.Paths = []string{dir}
	if err := Write(r); err == nil || !strings.Contains(err.Error(), "outside the folders being linted") {
		t.Errorf("outside: %v", err)
	}
	if content(t, filepath.Join(outside, "x.ts")) != "old\n" {
		t.Error("written outside")
	}

	must(t, os.WriteFile(filepath.Join(outside, "t.jsonc"), []byte("{}"), 0o644))
	must(t, os.Symlink(filepath.Join(outside, "t.jsonc"), filepath.Join(dir, "wrangler.jsonc")))
	r = fixed(t, dir, "inside.jsonc", "{}", "{ }", "")
	r.Original = map[string][]byte{filepath.Join(dir, "wrangler.jsonc"): []byte("{}")}
	r.Fixed = map[string][]byte{filepath.Join(dir, "wrangler.jsonc"): []byte("{ }")}
	if err := Write(r); err == nil || !strings.Contains(err.Error(), "resolves to") {
		t.Errorf("a link to outside: %v", err)
	}

	must(t, os.Remove(filepath.Join(dir, "wrangler.jsonc")))
	must(t, os.Symlink("inside.jsonc", filepath.Join(dir, "wrangler.jsonc")))
	if err := Write(r); err != nil {
		t.Fatalf("a link to inside: %v", err)
	}
	if info, err := os.Lstat(filepath.Join(dir, "wrangler.jsonc")); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
	if content(t, filepath.Join(dir, "inside.jsonc")) != "{ }" {
		t.Error("not written through the link")
	}
	noTemporaries(t, dir)
}

// A folder argument is a root; a config argument stands for its folder;
// any other file for its repository, or else its project (pre-commit
// passes file names).
func TestWritableRoots(t *testing.T) {
	repo := t.TempDir()
	repo, _ = filepath.EvalSymlinks(repo)
	for _, rel := range []string{".git/HEAD", "apps/api/wrangler.jsonc", "apps/api/src/x.ts"} {
		must(t, os.MkdirAll(filepath.Dir(filepath.Join(repo, rel)), 0o755))
		must(t, os.WriteFile(filepath.Join(repo, rel), nil, 0o644))
	}
	got := writableRoots(project.LoadOptions{WorkDir: repo, Paths: []string{"apps", "apps/api/wrangler.jsonc", "apps/api/src/x.ts"}})
	want := []string{filepath.Join(repo, "apps"), filepath.Join(repo, "apps", "api"), repo}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("roots %q, want %q", got, want)
	}
	must(t, os.RemoveAll(filepath.Join(repo, ".git")))
	if got := writableRoots(project.LoadOptions{WorkDir: repo, Paths: []string{"apps/api/src/x.ts"}}); len(got) != 1 || got[0] != filepath.Join(repo, "apps", "api") {
		t.Errorf("outside a repository, the project: %q", got)
	}
}

// editorSave replaces path the way editors save: the new text goes to a
// temporary file, which is renamed over the path (a new inode).
func editorSave(t *testing.T, path, text string) {
	tmp := filepath.Join(filepath.Dir(path), ".editor-save.tmp")
	must(t, os.WriteFile(tmp, []byte(text), 0o644))
	must(t, os.Rename(tmp, path))
}

// An editor's atomic save landing after the last check and before the
// rename is not replaced by the fix: the file at the path is compared
// (device, inode, size, time) with the one checked, right after the
// rename, and the editor's file put back.
func TestWriteKeepsAnAtomicSaveBeforeRename(t *testing.T) {
	dir := t.TempDir()
	r := fixed(t, dir, "a.ts", "old\n", "new\n", "")
	path := filepath.Join(dir, "a.ts")
	hook(t, func(string) { editorSave(t, path, "old\nsaved by the editor\n") }, nil)
	err := Write(r)
	if err == nil || !strings.Contains(err.Error(), "put back") {
		t.Fatalf("Write: %v", err)
	}
	if got := content(t, path); got != "old\nsaved by the editor\n" {
		t.Errorf("the editor's save is lost: %q", got)
	}
	noTemporaries(t, dir)
}

// Temporary and backup files live in a .wranglint-tmp folder beside the
// file, whose own .gitignore hides everything in it from `git add -A`;
// the folder is gone when the write is done, and one left by a killed
// run is emptied of what that run left (its process is gone) by the next.
func TestWriteStagesWhereGitDoesNotLook(t *testing.T) {
	dir := t.TempDir()
	r := fixed(t, dir, "a.ts", "old\n", "new\n", "")
	var seen []string
	hook(t, func(string) {
		entries, _ := os.ReadDir(filepath.Join(dir, stagingName))
		for _, e := range entries {
			seen = append(seen, e.Name())
		}
		if content(t, filepath.Join(dir, stagingName, ".gitignore")) != "*\n" {
			t.Error("the staging folder's .gitignore does not ignore everything")
		}
	}, nil)
	if err := Write(r); err != nil {
		t.Fatal(err)
	}
	if len(seen) < 2 {
		t.Errorf("staging folder while writing: %q", seen)
	}
	noTemporaries(t, dir)

	// leftovers of a killed run: its process is gone
	dead := deadPID(t)
	staging := filepath.Join(dir, stagingName)
	must(t, os.MkdirAll(staging, 0o700))
	must(t, os.WriteFile(filepath.Join(staging, ".gitignore"), []byte("*\n"), 0o600))
	stale := filepath.Join(staging, strconv.Itoa(dead)+".a.ts.123456")
	must(t, os.WriteFile(stale, []byte("x"), 0o600))
	must(t, os.WriteFile(stale+".orig", []byte("x"), 0o600))
	live := filepath.Join(staging, strconv.Itoa(os.Getpid())+".b.ts.777")
	must(t, os.WriteFile(live, []byte("x"), 0o600))   // a run still going (this process) keeps its files
	old := filepath.Join(dir, ".a.ts.wranglint-4242") // named as earlier versions named them
	must(t, os.WriteFile(old, []byte("x"), 0o600))
	must(t, os.WriteFile(old+".orig", []byte("x"), 0o600))
	long := time.Now().Add(-time.Hour)
	must(t, os.Chtimes(old, long, long))
	must(t, os.Chtimes(old+".orig", long, long))
	r = fixed(t, dir, "a.ts", "new\n", "newer\n", "")
	hook(t, func(string) {}, nil)
	if err := Write(r); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{stale, stale + ".orig", old, old + ".orig"} {
		if _, err := os.Lstat(p); err == nil {
			t.Errorf("%s was left", filepath.Base(p))
		}
	}
	if _, err := os.Lstat(live); err != nil {
		t.Error("a live run's file was removed")
	}
}

// deadPID returns the id of a process that has ended.
func deadPID(t *testing.T) int {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// Interrupt (SIGINT, SIGTERM) lets the file being replaced finish, writes
// no other, and removes every temporary and backup file.
func TestInterruptRemovesTemporaries(t *testing.T) {
	dir := t.TempDir()
	r := fixed(t, dir, "a.ts", "old a\n", "new a\n", "")
	b := filepath.Join(dir, "b.ts")
	must(t, os.WriteFile(b, []byte("old b\n"), 0o644))
	r.Original[b], r.Fixed[b] = []byte("old b\n"), []byte("new b\n")
	done := make(chan int)
	hook(t, func(string) {
		go func() { done <- Interrupt() }()
		for !interrupted.Load() {
			runtime.Gosched() // until the interrupt is asked for
		}
	}, nil)
	t.Cleanup(resumeAfterInterrupt)
	err := Write(r)
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Errorf("Write: %v", err)
	}
	if n := <-done; n != 1 {
		t.Errorf("Interrupt says %d file(s) were written", n)
	}
	if content(t, filepath.Join(dir, "a.ts")) != "new a\n" || content(t, b) != "old b\n" {
		t.Errorf("a.ts %q, b.ts %q: the file being replaced finishes, no other is written", content(t, filepath.Join(dir, "a.ts")), content(t, b))
	}
	noTemporaries(t, dir)
}

// Where the file system cannot swap two files, the file at the path is
// compared with the one checked right before the rename: an editor's
// save up to then is kept.
func TestWriteWithoutExchangeKeepsAnAtomicSave(t *testing.T) {
	defer func(e func(a, b string) (bool, error)) { exchange = e }(exchange)
	exchange = func(a, b string) (bool, error) { return false, errCannotExchange }
	dir := t.TempDir()
	r := fixed(t, dir, "a.ts", "old\n", "new\n", "")
	path := filepath.Join(dir, "a.ts")
	hook(t, func(string) { editorSave(t, path, "old\nsaved\n") }, nil)
	if err := Write(r); err == nil || !strings.Contains(err.Error(), "changed on disk") {
		t.Fatalf("Write: %v", err)
	}
	if got := content(t, path); got != "old\nsaved\n" {
		t.Errorf("the editor's save is lost: %q", got)
	}
	r = fixed(t, dir, "a.ts", "old\n", "new\n", "")
	hook(t, func(string) {}, nil)
	if err := Write(r); err != nil || content(t, path) != "new\n" {
		t.Errorf("without an edit the fix is written: %v", err)
	}
	noTemporaries(t, dir)
}
