package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGitignore(t *testing.T) {
	s := &ignoreSet{}
	for _, l := range []string{"dist/", "*.log", "!keep.log", "/build", "docs/**/gen", "# c", ""} {
		if r, ok := parseIgnoreLine(l, ""); ok {
			s.rules = append(s.rules, r)
		}
	}
	sub, _ := parseIgnoreLine("local.ts", "pkg")
	s.rules = append(s.rules, sub)
	cases := map[string]bool{
		"dist": true, "a/dist": true, "x.log": true, "a/keep.log": false, "build": true, "a/build": false,
		"docs/a/b/gen": true, "docs/gen": true, "pkg/local.ts": true, "local.ts": false, "src/a.ts": false,
	}
	for path, want := range cases {
		if got := s.ignored(path, path == "dist" || path == "a/dist" || path == "build" || path == "a/build" || strings.HasSuffix(path, "gen")); got != want {
			t.Errorf("ignored(%q) = %v", path, got)
		}
	}
}

func TestDiscover(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, data string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, []byte(data), 0o644))
	}
	write(".gitignore", "generated/\n")
	write("a/wrangler.jsonc", "{}")
	write("b/wrangler.toml", "")
	write("b/src/x.ts", "")
	write("node_modules/p/wrangler.json", "{}")
	write(".wrangler/tmp/wrangler.json", "{}")
	write("generated/wrangler.json", "{}")
	write("c/.gitignore", "*.ts\n")
	write("c/y.ts", "")
	must(t, os.Symlink(dir, filepath.Join(dir, "loop")))
	d := Discover([]string{dir})
	var rels []string
	for _, c := range append(d.Configs, d.Sources...) {
		r, _ := filepath.Rel(dir, c)
		rels = append(rels, filepath.ToSlash(r))
	}
	if strings.Join(rels, ",") != "a/wrangler.jsonc,b/wrangler.toml,b/src/x.ts" {
		t.Fatalf("found %v (problems %v)", rels, d.Problems)
	}
	if d := Discover([]string{filepath.Join(dir, "missing")}); len(d.Problems) != 1 {
		t.Fatal("a missing path is a problem")
	}
}

func TestGitIgnored(t *testing.T) {
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, ".git"), 0o755))
	must(t, os.MkdirAll(filepath.Join(dir, "apps", "web"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("dist/\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "apps", "web", ".gitignore"), []byte(".open-next\n"), 0o644))
	cases := map[string]bool{
		"dist/index.js":                 true,
		"apps/web/dist/_worker.js":      true,
		"apps/web/.open-next/worker.js": true,
		"apps/web/src/index.ts":         false,
		"src/index.ts":                  false,
	}
	for rel, want := range cases {
		if got := GitIgnored(filepath.Join(dir, filepath.FromSlash(rel))); got != want {
			t.Errorf("GitIgnored(%s) = %v", rel, got)
		}
	}
	if GitIgnored(filepath.Join(t.TempDir(), "dist", "x.js")) {
		t.Error("outside a repository nothing is ignored")
	}
}
