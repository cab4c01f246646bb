package monorepo

import (
	"path/filepath"
	"testing"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/rules"
)

// TestSeededMistakesFound: wranglint finds every seeded mistake of a
// generated monorepo, and no other finding of any rule.
func TestSeededMistakesFound(t *testing.T) {
	dir := t.TempDir()
	m, err := Write(dir, Options{Workers: 40, Mistakes: 0.2, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, s := range m.Seeded {
		kinds[s.Rule] = true
	}
	if len(kinds) != len(Kinds) {
		t.Fatalf("seeded kinds %v, want all of %v", kinds, Kinds)
	}
	p := project.Load(project.LoadOptions{Paths: []string{dir}, WorkDir: dir})
	if len(p.Workers) != 40 || len(p.Problems) > 0 {
		t.Fatalf("%d Workers, problems %v", len(p.Workers), p.Problems)
	}
	var findings []Finding
	for _, d := range lint.Run(p, rules.All(), lint.DefaultOptions()).Diagnostics {
		rel, _ := filepath.Rel(dir, d.Span.File.Path)
		findings = append(findings, Finding{Rule: d.Rule, File: filepath.ToSlash(rel), Line: d.Span.StartPos().Line})
	}
	missed, unexpected := m.Check(findings)
	for _, s := range missed {
		t.Errorf("missed: %s", s)
	}
	for _, f := range unexpected {
		t.Errorf("unexpected: %s", f)
	}
	for _, f := range findings {
		if !kinds[f.Rule] {
			t.Errorf("finding of a rule not seeded: %s", f)
		}
	}
}

func TestPickMistakeShares(t *testing.T) {
	dir := t.TempDir()
	m, err := Write(dir, Options{Workers: 200, Mistakes: 0.1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(m.Seeded); n < 70 || n > 130 {
		t.Errorf("%d of 200 Workers seeded at 0.1 per rule, want about 100", n)
	}
	none, _ := Write(t.TempDir(), Options{Workers: 20, Mistakes: 0, Seed: 1})
	if len(none.Seeded) != 0 {
		t.Errorf("%d mistakes seeded at share 0", len(none.Seeded))
	}
}
