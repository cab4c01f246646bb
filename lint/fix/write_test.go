package fix

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

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
