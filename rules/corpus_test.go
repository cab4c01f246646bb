package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
)

var update = flag.Bool("update", false, "rewrite testdata/corpus-summary.json from the current findings")

const (
	corpusDir     = "../../shared/corpus"
	corpusSummary = "../testdata/corpus-summary.json"
)

// corpusReport is the checked-in record of what wranglint finds in the
// real-world corpus, so that any change in findings shows in review.
type corpusReport struct {
	Provenance string         `json:"provenance_sha256"`
	Configs    int            `json:"configs"`
	Counts     map[string]int `json:"counts"`
}

func lintCorpus(t *testing.T) ([]lint.Diagnostic, *project.Project) {
	t.Helper()
	abs, _ := filepath.Abs(corpusDir)
	// The corpus holds configs without their code.
	p := project.Load(project.LoadOptions{Paths: []string{abs}, WorkDir: abs, ConfigOnly: true})
	for _, pr := range p.Problems {
		if pr.Rule == project.IOError {
			t.Errorf("load: %s: %s", pr.Span.File.Rel, pr.Message)
		}
	}
	return lint.Run(p, All(), lint.DefaultOptions()).Diagnostics, p
}

// TestCorpus lints every real config: no crash, no syntax error on a file
// that an independent parser accepts, and findings equal to the summary.
func TestCorpus(t *testing.T) {
	prov, err := os.ReadFile(filepath.Join(corpusDir, "PROVENANCE.tsv"))
	if err != nil {
		t.Skipf("no corpus beside the project (%v)", err)
	}
	ds, p := lintCorpus(t)
	if len(p.Workers) < 500 {
		t.Fatalf("only %d configs loaded", len(p.Workers))
	}
	counts := map[string]int{}
	for _, d := range ds {
		counts[d.Rule]++
		if d.Rule == lint.SyntaxErrorRule {
			checkReallyInvalid(t, d)
		}
	}
	sum := sha256.Sum256(prov)
	got := corpusReport{Provenance: hex.EncodeToString(sum[:]), Configs: len(p.Workers) + counts[lint.SyntaxErrorRule], Counts: counts}
	if *update {
		writeSummary(t, got)
		return
	}
	var want corpusReport
	data, err := os.ReadFile(corpusSummary)
	if err != nil || json.Unmarshal(data, &want) != nil {
		t.Fatalf("no readable %s: run `go test ./... -run Corpus -update`", corpusSummary)
	}
	skip, fail := compareSummary(want, got)
	if skip != "" {
		t.Skip(skip)
	}
	if fail != "" {
		t.Error(fail)
	}
}

// compareSummary decides the corpus test's outcome: skip when the corpus
// itself changed (its PROVENANCE.tsv hash), fail when the findings did.
func compareSummary(want, got corpusReport) (skip, fail string) {
	if want.Provenance != got.Provenance {
		return "the corpus changed since the summary was written; review and regenerate it with `go test ./... -run Corpus -update`", ""
	}
	if diff := diffCounts(want.Counts, got.Counts); diff != "" || want.Configs != got.Configs {
		return "", fmt.Sprintf("findings on the corpus changed (regenerate with `go test ./... -run Corpus -update` if intended):\n%s\n  configs: %d -> %d", diff, want.Configs, got.Configs)
	}
	return "", ""
}

func TestCompareSummary(t *testing.T) {
	base := corpusReport{Provenance: "a", Configs: 2, Counts: map[string]int{"x": 1}}
	if skip, fail := compareSummary(base, base); skip != "" || fail != "" {
		t.Error("equal summaries pass")
	}
	changed := corpusReport{Provenance: "b", Configs: 2, Counts: map[string]int{"x": 1}}
	if skip, _ := compareSummary(base, changed); !strings.Contains(skip, "go test ./... -run Corpus -update") {
		t.Errorf("a changed corpus skips naming the command: %q", skip)
	}
	more := corpusReport{Provenance: "a", Configs: 2, Counts: map[string]int{"x": 2, "y": 1}}
	if _, fail := compareSummary(base, more); !strings.Contains(fail, "x: 1 -> 2") || !strings.Contains(fail, "y: 0 -> 1") {
		t.Errorf("changed findings fail with the difference: %q", fail)
	}
}

// checkReallyInvalid: a syntax error on a corpus file must be one that an
// independent parser (BurntSushi/toml; encoding/json for comment-free JSON)
// also rejects.
func checkReallyInvalid(t *testing.T, d lint.Diagnostic) {
	data := d.Span.File.Data
	switch {
	case strings.HasSuffix(d.Span.File.Path, ".toml"):
		var v map[string]any
		if _, err := toml.Decode(string(data), &v); err == nil {
			t.Errorf("%s: wranglint rejects a TOML file BurntSushi/toml accepts: %s", d.Span, d.Message)
		}
	default:
		if json.Valid(data) {
			t.Errorf("%s: wranglint rejects valid JSON: %s", d.Span, d.Message)
		}
	}
}

func diffCounts(want, got map[string]int) string {
	keys := map[string]bool{}
	for k := range want {
		keys[k] = true
	}
	for k := range got {
		keys[k] = true
	}
	var lines []string
	for _, k := range source.SortedKeys(keys) {
		if want[k] != got[k] {
			lines = append(lines, fmt.Sprintf("  %s: %d -> %d", k, want[k], got[k]))
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func writeSummary(t *testing.T, r corpusReport) {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(corpusSummary, append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", corpusSummary)
}
