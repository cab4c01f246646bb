package source

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// The index is read as git writes it, in each of its versions.
func TestIndexPathsEveryVersion(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	files := []string{"a/b/c.txt", "sp ace.txt", "wrangler.jsonc", "x/very/long/name/that/shares/a/prefix.ts", "x/very/long/name/that/shares/a/prefix2.ts"}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f))
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, []byte(f), 0o644))
	}
	git := func(args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v %s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", ".")
	for _, v := range []string{"2", "3", "4"} {
		git("update-index", "--index-version", v)
		data, err := os.ReadFile(filepath.Join(dir, ".git", "index"))
		must(t, err)
		got, ok := indexPaths(data)
		if !ok || !slices.Equal(got, files) {
			t.Errorf("version %s: %q %v", v, got, ok)
		}
	}
	fs := NewFileSet(dir, nil, nil)
	if !fs.Tracked(filepath.Join(dir, "wrangler.jsonc")) || !fs.Tracked(filepath.Join(dir, "a", "b")) || fs.Tracked(filepath.Join(dir, "nope.txt")) {
		t.Error("Tracked")
	}
}

func TestIndexPathsRejectsGarbage(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("DIRC"), []byte("DIRC\x00\x00\x00\x02\xff\xff\xff\xff"), []byte("XXXX\x00\x00\x00\x02\x00\x00\x00\x00")} {
		if _, ok := indexPaths(b); ok {
			t.Errorf("%q read as an index", b)
		}
	}
}
