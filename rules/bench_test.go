package rules

import (
	"path/filepath"
	"testing"

	"github.com/wranglint/wranglint/lint"
)

// BenchmarkLintAgentsApp is the whole job for one project: discovery,
// config, esbuild module graph, client scan and every rule.
func BenchmarkLintAgentsApp(b *testing.B) {
	dir, _ := filepath.Abs("../testdata/bench/agents-app")
	b.ReportAllocs()
	for b.Loop() {
		p := lint.Load(lint.LoadOptions{Paths: []string{dir}, WorkDir: dir})
		if len(p.Workers) != 1 || len(p.Refs) == 0 {
			b.Fatalf("fixture not loaded: %d workers, %d refs", len(p.Workers), len(p.Refs))
		}
		lint.Run(p, All())
	}
}
