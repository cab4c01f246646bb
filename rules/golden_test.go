package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/linttest"
)

// caseRoot holds one folder per golden case; each is linted as a whole
// and must report exactly what its want comments say.
const caseRoot = "../testdata/cases"

func lintCase(t testing.TB, dir string) []lint.Diagnostic {
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	p := lint.Load(lint.LoadOptions{Paths: []string{abs}, WorkDir: abs})
	for _, err := range p.Errors {
		t.Errorf("load: %v", err)
	}
	return lint.Run(p, All())
}

func TestGolden(t *testing.T) {
	entries, err := os.ReadDir(caseRoot)
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(caseRoot, e.Name())
		t.Run(e.Name(), func(t *testing.T) {
			wants, err := linttest.ReadExpectations(dir)
			if err != nil {
				t.Fatal(err)
			}
			linttest.Check(t, dir, lintCase(t, dir), wants)
		})
		ran++
	}
	if ran < 10 {
		t.Fatalf("only %d golden cases found", ran)
	}
}

// The README's sample must keep reproducing the CoderAgent failure.
func TestSampleProject(t *testing.T) {
	dir := "../testdata/coderagent"
	wants, err := linttest.ReadExpectations(dir)
	if err != nil || len(wants) == 0 {
		t.Fatalf("sample has no expectations: %v", err)
	}
	linttest.Check(t, dir, lintCase(t, dir), wants)
}
