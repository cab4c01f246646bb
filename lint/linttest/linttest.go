// Package linttest runs golden cases: folders whose files carry their
// expected findings as `// want "rule-id"` (or `# want` in TOML) comments
// on the offending line, in the manner of go/analysis's analysistest.
// `"rule-id: text"` also requires text (a regular expression) to match
// the message.
package linttest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint"
)

// Expectation is one wanted finding.
type Expectation struct {
	File    string // slash path relative to the case folder
	Line    int
	Rule    string
	Message *regexp.Regexp // nil: any message
	matched bool
}

func (e *Expectation) String() string {
	s := fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Rule)
	if e.Message != nil {
		s += ": " + e.Message.String()
	}
	return s
}

var wantRe = regexp.MustCompile(`(?://|#)\s*want((?:\s+"(?:[^"\\]|\\.)*")+)`)
var quotedRe = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// ReadExpectations collects every want comment below dir.
func ReadExpectations(dir string) ([]*Expectation, error) {
	var out []*Expectation
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			if d != nil && d.IsDir() && d.Name() == "node_modules" {
				return fs.SkipDir
			}
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil // unreadable fixtures are part of some cases
		}
		rel, _ := filepath.Rel(dir, path)
		for i, line := range strings.Split(string(data), "\n") {
			m := wantRe.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			for _, q := range quotedRe.FindAllString(m[1], -1) {
				s, err := strconv.Unquote(q)
				if err != nil {
					return fmt.Errorf("%s:%d: bad want %s", rel, i+1, q)
				}
				e := &Expectation{File: filepath.ToSlash(rel), Line: i + 1, Rule: s}
				if rule, msg, ok := strings.Cut(s, ": "); ok {
					e.Rule = rule
					if e.Message, err = regexp.Compile(msg); err != nil {
						return fmt.Errorf("%s:%d: %v", rel, i+1, err)
					}
				}
				out = append(out, e)
			}
		}
		return nil
	})
	return out, err
}

// Check compares findings with expectations and reports every difference.
// Findings are placed relative to the case folder dir.
func Check(t *testing.T, dir string, ds []lint.Diagnostic, wants []*Expectation) {
	t.Helper()
	absDir, _ := filepath.Abs(dir)
	var unexpected []string
	for _, d := range ds {
		rel, _ := filepath.Rel(absDir, d.Span.File.Path)
		rel = filepath.ToSlash(rel)
		line := d.Span.StartPos().Line
		if !claim(wants, rel, line, d) {
			unexpected = append(unexpected, fmt.Sprintf("%s:%d: unexpected %s: %s", rel, line, d.Rule, d.Message))
		}
	}
	sort.Strings(unexpected)
	for _, u := range unexpected {
		t.Error(u)
	}
	for _, w := range wants {
		if !w.matched {
			t.Errorf("%s: wanted, not reported", w)
		}
	}
}

func claim(wants []*Expectation, file string, line int, d lint.Diagnostic) bool {
	for _, w := range wants {
		if w.matched || w.File != file || w.Line != line || w.Rule != d.Rule {
			continue
		}
		if w.Message != nil && !w.Message.MatchString(d.Message) {
			continue
		}
		w.matched = true
		return true
	}
	return false
}
