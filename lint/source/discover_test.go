package source

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func levelOf(base string, lines ...string) *ignoreLevel {
	lvl := &ignoreLevel{base: base}
	for _, l := range lines {
		if r, ok := parseIgnoreLine(l); ok {
			lvl.rules = append(lvl.rules, r)
		}
	}
	return lvl
}

func TestGitignore(t *testing.T) {
	top := levelOf("", "dist/", "*.log", "!keep.log", "/build", "docs/**/gen", "# c", "")
	s := levelOf("pkg", "local.ts")
	s.parent = top
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

// Repeated "**" once took exponential time (26 s for ten of them in a
// 25-deep path); the matcher is a dynamic programme now.
func TestGitignoreManyStarsIsLinear(t *testing.T) {
	pattern := strings.Repeat("**/", 12) + "zzz"
	lvl := levelOf("", pattern, strings.Repeat("a*/", 12)+"zzz")
	deep := strings.Repeat("d/", 25) + "file"
	if lvl.ignored(deep, false) {
		t.Fatal("no rule matches")
	}
	if !lvl.ignored(strings.Repeat("d/", 25)+"zzz", false) {
		t.Fatal("**/**/.../zzz matches zzz at any depth")
	}
	if !globParts(strings.Split("a/**/b/**/c", "/"), strings.Split("a/x/b/y/z/c", "/")) || globParts(strings.Split("a/**/b", "/"), strings.Split("a/x/c", "/")) {
		t.Fatal("globParts")
	}
}

func TestGitignoreLiteralsWithoutNegation(t *testing.T) {
	dir := t.TempDir()
	var lines []string
	for i := 0; i < 2000; i++ {
		lines = append(lines, "gen"+strconv.Itoa(i))
	}
	must(t, os.WriteFile(filepath.Join(dir, ".gitignore"), []byte(strings.Join(lines, "\n")), 0o644))
	fs := NewFileSet(dir, nil, nil)
	lvl := fs.withIgnoreFile(nil, dir, "")
	if len(lvl.literals) != 2000 || len(lvl.rules) != 0 {
		t.Fatalf("literal lines go to a map: %d literals, %d rules", len(lvl.literals), len(lvl.rules))
	}
	if !lvl.ignored("a/gen1999", false) || lvl.ignored("a/gen2000", false) {
		t.Fatal("literal match")
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
	d := NewFileSet(dir, nil, nil).Discover([]string{dir})
	var rels []string
	for _, c := range append(d.Configs, d.Sources...) {
		r, _ := filepath.Rel(dir, c)
		rels = append(rels, filepath.ToSlash(r))
	}
	if strings.Join(rels, ",") != "a/wrangler.jsonc,b/wrangler.toml,b/src/x.ts" {
		t.Fatalf("found %v (problems %v)", rels, d.Problems)
	}
	if d := NewFileSet(dir, nil, nil).Discover([]string{filepath.Join(dir, "missing")}); len(d.Problems) != 1 {
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
		if got := NewFileSet(dir, nil, nil).GitIgnored(filepath.Join(dir, filepath.FromSlash(rel))); got != want {
			t.Errorf("GitIgnored(%s) = %v", rel, got)
		}
	}
	if NewFileSet(dir, nil, nil).GitIgnored(filepath.Join(t.TempDir(), "dist", "x.js")) {
		t.Error("outside a repository, without a .gitignore, nothing is ignored")
	}
	// An archive of a repository (no .git): its .gitignore files still say
	// what a build generates.
	copyDir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(copyDir, "apps", "web"), 0o755))
	must(t, os.WriteFile(filepath.Join(copyDir, ".gitignore"), []byte("dist/\n"), 0o644))
	if !NewFileSet(copyDir, nil, nil).GitIgnored(filepath.Join(copyDir, "apps", "web", "dist", "index.js")) {
		t.Error("without .git, the outermost .gitignore is the root")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
