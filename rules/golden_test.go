package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/linttest"
	"github.com/wranglint/wranglint/lint/project"
)

// caseRoot holds one folder per golden case; each is linted as a whole
// and must report exactly what its want comments say.
const caseRoot = "../testdata/cases"

func lintCase(t testing.TB, dir string) []lint.Diagnostic {
	return lintCaseWith(t, dir, All())
}

// lintCaseWith loads the case afresh and runs the given rules.
func lintCaseWith(t testing.TB, dir string, rules []*lint.Rule) []lint.Diagnostic {
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	p := project.Load(project.LoadOptions{Paths: []string{abs}, WorkDir: abs})
	for _, pr := range p.Problems {
		if pr.Rule == project.IOError {
			t.Errorf("load: %s: %s", pr.Span.File.Rel, pr.Message)
		}
	}
	return lint.Run(p, rules, lint.DefaultOptions()).Diagnostics
}

// findingKeys renders one rule's findings for comparison.
func findingKeys(ds []lint.Diagnostic, rule string) []string {
	var out []string
	for _, d := range ds {
		if d.Rule == rule {
			out = append(out, fmt.Sprintf("%s:%d-%d %s", d.Span.File.Rel, d.Span.Start, d.Span.End, d.Message))
		}
	}
	return out
}

// checkOrderIndependence runs every rule alone on a fresh load of the case:
// each must find exactly what it finds among all (the model is complete
// and frozen before rules run, so no rule can depend on another).
func checkOrderIndependence(t *testing.T, dir string, all []lint.Diagnostic) {
	for _, r := range All() {
		alone := lintCaseWith(t, dir, []*lint.Rule{r})
		if got, want := findingKeys(alone, r.ID), findingKeys(all, r.ID); !slices.Equal(got, want) {
			t.Errorf("%s alone found %q, among all rules %q", r.ID, got, want)
		}
	}
}

// fixSafetySeen collects, per rule, the applicabilities of the fixes its
// findings carry, and fails on one its documentation does not declare.
func fixSafetySeen(t *testing.T, ds []lint.Diagnostic, seen map[string]map[lint.Applicability]bool) {
	for _, d := range ds {
		r := ByID(d.Rule)
		if r == nil {
			continue // the engine's own findings
		}
		for _, f := range append([]*lint.Fix{d.Fix}, d.Alternatives...) {
			if f == nil {
				continue
			}
			if !r.Doc.FixSafety.Allows(f.Applicability) {
				t.Errorf("%s declares fixes %q but emits a %s fix at %s", r.ID, r.Doc.FixSafety, f.Applicability, d.Span)
			}
			if seen[r.ID] == nil {
				seen[r.ID] = map[lint.Applicability]bool{}
			}
			seen[r.ID][f.Applicability] = true
		}
	}
}

func TestGolden(t *testing.T) {
	entries, err := os.ReadDir(caseRoot)
	if err != nil {
		t.Fatal(err)
	}
	ran, executed := 0, 0
	seen := map[string]map[lint.Applicability]bool{}
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
			executed++
			ds := lintCase(t, dir)
			linttest.Check(t, dir, ds, wants)
			fixSafetySeen(t, ds, seen)
			if !testing.Short() {
				checkOrderIndependence(t, dir, ds)
			}
		})
		ran++
	}
	if ran < 10 {
		t.Fatalf("only %d golden cases found", ran)
	}
	if executed == ran { // not when -run picks some cases
		checkDeclaredFixesSeen(t, seen)
	}
}

// checkDeclaredFixesSeen: a rule whose documentation promises a safe (or
// unsafe) fix must emit one somewhere in the golden cases.
func checkDeclaredFixesSeen(t *testing.T, seen map[string]map[lint.Applicability]bool) {
	for _, r := range All() {
		s := r.Doc.FixSafety
		if (s == lint.FixSafe || s == lint.FixSafeAndUnsafe) && !seen[r.ID][lint.Safe] {
			t.Errorf("%s declares a safe fix, but no golden case shows one", r.ID)
		}
		if (s == lint.FixUnsafe || s == lint.FixSafeAndUnsafe) && !seen[r.ID][lint.Unsafe] {
			t.Errorf("%s declares an unsafe fix, but no golden case shows one", r.ID)
		}
	}
}

// The README's sample, testdata/coderagent, is the golden case
// testdata/cases/coderagent without its annotations (users read the
// sample): cmd/wranglint's TestSampleIsTheGoldenCase checks the copy.
