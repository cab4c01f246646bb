package rules

import (
	"os"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/report"
)

const readme = "../README.md"

// TestReadmeRuleTable keeps the README's rule table generated from the
// rule docs; -update rewrites it.
func TestReadmeRuleTable(t *testing.T) {
	data, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	const start, end = "<!-- rules:start -->\n", "<!-- rules:end -->"
	text := string(data)
	i, j := strings.Index(text, start), strings.Index(text, end)
	if i < 0 || j < i {
		t.Fatal("README lacks the rules:start / rules:end markers")
	}
	want := report.RuleTable(All())
	if text[i+len(start):j] == want {
		return
	}
	if !*update {
		t.Fatal("the README's rule table is stale: run `go test ./rules -run Readme -update`")
	}
	text = text[:i+len(start)] + want + text[j:]
	if err := os.WriteFile(readme, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Every rule documents itself fully: explain and the table depend on it.
func TestRuleDocs(t *testing.T) {
	for _, r := range All() {
		d := r.Doc
		if d.Summary == "" || d.Why == "" || d.Bad == "" || d.Good == "" {
			t.Errorf("%s: incomplete documentation", r.ID)
		}
		if strings.ToLower(d.Summary[:1]) != d.Summary[:1] {
			t.Errorf("%s: summaries start lower case", r.ID)
		}
		if (d.Fix == "") != (d.FixSafety == lint.FixNone) {
			t.Errorf("%s: fix description and safety disagree", r.ID)
		}
		if r.Run == nil {
			t.Errorf("%s: no Run", r.ID)
		}
	}
}
