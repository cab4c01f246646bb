package source

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func writeTree(t *testing.T, root string, files ...string) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func rels(root string, paths []string) []string {
	var out []string
	for _, p := range paths {
		r, _ := filepath.Rel(root, p)
		out = append(out, filepath.ToSlash(r))
	}
	return out
}

// A file argument that is not a config stands for the projects it belongs
// to: pre-commit passes staged file names.
func TestDiscoverFileArguments(t *testing.T) {
	dir := t.TempDir()
	repo := filepath.Join(dir, "repo")
	writeTree(t, repo, ".git/HEAD", "README.md",
		"apps/worker/wrangler.jsonc", "apps/worker/src/server.ts", "apps/worker/notes.md",
		"apps/web/src/App.tsx", "apps/other/wrangler.toml", "apps/other/wrangler.staging.jsonc", "apps/other/package.json")
	writeTree(t, dir, "elsewhere/lonely.ts", "elsewhere/notes.md")
	fs := NewFileSet(dir, nil, nil)
	cases := []struct {
		arg              string
		configs, sources []string
	}{
		// a script may be client code of any Worker: every config of the repository
		{"repo/apps/worker/src/server.ts", []string{"apps/other/wrangler.toml", "apps/worker/wrangler.jsonc"},
			[]string{"apps/web/src/App.tsx", "apps/worker/src/server.ts"}},
		{"repo/apps/web/src/App.tsx", []string{"apps/other/wrangler.toml", "apps/worker/wrangler.jsonc"},
			[]string{"apps/web/src/App.tsx", "apps/worker/src/server.ts"}},
		// another file: the nearest Worker only
		{"repo/apps/worker/notes.md", []string{"apps/worker/wrangler.jsonc"}, []string{"apps/worker/src/server.ts"}},
		// a config by another name is read as one; package.json is not
		{"repo/apps/other/wrangler.staging.jsonc", []string{"apps/other/wrangler.staging.jsonc"}, nil},
		{"repo/apps/other/package.json", []string{"apps/other/wrangler.toml"}, nil},
		// no project: nothing, and no problem
		{"repo/README.md", nil, nil},
		{"elsewhere/lonely.ts", nil, nil},
		{"elsewhere/notes.md", nil, nil},
	}
	for _, c := range cases {
		d := fs.Discover([]string{filepath.Join(dir, c.arg)})
		if len(d.Problems) > 0 {
			t.Errorf("%s: problems %v", c.arg, d.Problems)
		}
		if got := rels(repo, d.Configs); !slices.Equal(got, c.configs) {
			t.Errorf("%s: configs %q, want %q", c.arg, got, c.configs)
		}
		if got := rels(repo, d.Sources); !slices.Equal(got, c.sources) {
			t.Errorf("%s: sources %q, want %q", c.arg, got, c.sources)
		}
	}
	if got := fs.RepoRoot(filepath.Join(repo, "apps", "web")); got != repo {
		t.Errorf("RepoRoot = %s", got)
	}
	if got := fs.NearestProject(filepath.Join(repo, "apps/worker/src/server.ts"), repo); got != filepath.Join(repo, "apps", "worker") {
		t.Errorf("NearestProject = %s", got)
	}
}
