package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/report"
	"github.com/wranglint/wranglint/lint/source"
)

// TestDocExamples lints every rule's documented examples as projects, so
// that the documentation cannot drift from the behaviour: Bad must produce
// the rule's finding, Good (the same project, corrected) must not.
func TestDocExamples(t *testing.T) {
	for _, r := range All() {
		t.Run(r.ID, func(t *testing.T) {
			d := r.Doc
			if d.Summary == "" || d.Why == "" || d.Bad == "" || d.Good == "" {
				t.Fatal("Summary, Why, Bad and Good are all required")
			}
			if found, ok := lintExample(t, r, "Bad", d.Bad); ok && len(found) == 0 {
				t.Errorf("Bad example: no %s finding", r.ID)
			}
			found, _ := lintExample(t, r, "Good", d.Good)
			for _, f := range found {
				t.Errorf("Good example: %s", f)
			}
		})
	}
}

// explain shows each example file under its path, not as raw txtar.
func TestExplainExamples(t *testing.T) {
	for _, r := range All() {
		files, err := lint.ExampleFiles(r.Doc.Bad)
		if err != nil {
			continue // TestDocExamples reports it
		}
		out := report.Explain(r)
		if !strings.Contains(out, "Reported\n  "+files[0].Path+":\n") || strings.Contains(out, "\n-- ") {
			t.Errorf("%s: explain does not render the examples by file:\n%s", r.ID, out)
		}
	}
}

// lintExample writes an example into a fresh folder, lints it with the
// rule alone and returns the rule's findings, formatted. An example that
// does not parse, or a project that does not load or holds a syntax
// error, fails the test: examples must be valid projects.
func lintExample(t *testing.T, r *lint.Rule, which, txt string) ([]string, bool) {
	t.Helper()
	files, err := lint.ExampleFiles(txt)
	if err != nil {
		t.Errorf("%s example: %v", which, err)
		return nil, false
	}
	dir := t.TempDir()
	for _, f := range files {
		path := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(f.Text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p := project.Load(project.LoadOptions{Paths: []string{dir}, WorkDir: dir})
	ok := true
	for _, pr := range p.Problems {
		if pr.Rule == project.IOError {
			ok = false
			t.Errorf("%s example: load: %s: %s", which, pr.Span.File.Rel, pr.Message)
		}
	}
	var out []string
	for _, d := range lint.Run(p, []*lint.Rule{r}, lint.DefaultOptions()).Diagnostics {
		switch d.Rule {
		case lint.SyntaxErrorRule:
			ok = false
			t.Errorf("%s example: %s: %s", which, where(d.Span), d.Message)
		case r.ID:
			out = append(out, where(d.Span)+": "+d.Message)
		}
	}
	return out, ok
}

func where(s source.Span) string {
	if !s.Valid() {
		return "(no place)"
	}
	return s.String()
}
