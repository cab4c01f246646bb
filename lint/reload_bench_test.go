package lint_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/rules"
)

// BenchmarkReload is an editor's keystroke without the server: a snapshot
// of a repository, then the next one after one file changed in memory,
// and every rule. WRANGLINT_RELOAD_REPO and WRANGLINT_RELOAD_FILE name
// them (skipped when unset).
func BenchmarkReload(b *testing.B) {
	repo, file := os.Getenv("WRANGLINT_RELOAD_REPO"), os.Getenv("WRANGLINT_RELOAD_FILE")
	if repo == "" || file == "" {
		b.Skip("WRANGLINT_RELOAD_REPO and WRANGLINT_RELOAD_FILE are not set")
	}
	path := filepath.Join(repo, file)
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	opts := project.LoadOptions{Paths: []string{repo}, WorkDir: repo, KeepState: true}
	prev := project.Load(opts)
	lint.Run(prev, rules.All(), lint.DefaultOptions())
	i := 0
	for b.Loop() {
		i++
		edited := append(append([]byte(nil), data...), []byte("\n// keystroke "+string(rune('a'+i%26))+"\n")...)
		opts.Overlay = map[string][]byte{path: edited}
		opts.Previous, opts.Changed = prev, []string{path}
		p := project.Load(opts)
		lint.Run(p, rules.All(), lint.DefaultOptions())
		prev = p
	}
}
