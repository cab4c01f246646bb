package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
)

// An import of a file a build step generates (git-ignored) is not
// unresolved; the same import of an ordinary missing file is.
func TestUnresolvedImportOfGeneratedFile(t *testing.T) {
	for _, ignored := range []bool{true, false} {
		dir := t.TempDir()
		files := map[string]string{
			"wrangler.jsonc": `{ "name": "g", "main": "src/index.ts", "compatibility_date": "2025-10-01" }`,
			"src/index.ts":   "import wasm from \"./gen.wasm\";\nexport default { fetch: () => new Response(String(wasm)) };\n",
		}
		if ignored {
			files[".gitignore"] = "src/gen.wasm\n"
		}
		for rel, data := range files {
			p := filepath.Join(dir, filepath.FromSlash(rel))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
			t.Fatal(err)
		}
		found := 0
		for _, d := range lint.Run(project.Load(project.LoadOptions{Paths: []string{dir}, WorkDir: dir}), All(), lint.DefaultOptions()).Diagnostics {
			if d.Rule == "unresolved-import" {
				found++
			}
		}
		if want := map[bool]int{true: 0, false: 1}[ignored]; found != want {
			t.Errorf("git-ignored=%v: %d unresolved-import findings, want %d", ignored, found, want)
		}
	}
}
