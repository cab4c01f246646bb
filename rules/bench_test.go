package rules

import (
	"path/filepath"
	"testing"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/project"
)

// BenchmarkLintAgentsApp is the whole job for one project: discovery,
// config, esbuild module graph, client scan and every rule.
func BenchmarkLintAgentsApp(b *testing.B) {
	dir, _ := filepath.Abs("../testdata/bench/agents-app")
	b.ReportAllocs()
	for b.Loop() {
		p := project.Load(project.LoadOptions{Paths: []string{dir}, WorkDir: dir})
		out := lint.Run(p, All(), lint.DefaultOptions())
		if refs := analyses.RefsOf(out.Computed).Refs; len(p.Workers) != 1 || len(refs) == 0 {
			b.Fatalf("fixture not loaded: %d workers, %d refs", len(p.Workers), len(refs))
		}
	}
}
