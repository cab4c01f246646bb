// Package linttest runs golden cases: folders whose files carry their
// expected findings as `// want "rule-id"` (or `# want` in TOML) comments
// on the offending line, in the manner of go/analysis's analysistest.
//
// After `want` come one or more expectations, each a rule id in quotes,
// optionally preceded by a column number and followed by a message
// pattern in quotes (a regular expression):
//
//	// want "missing-migration"
//	// want 17 "binding-name-case-mismatch" "served at /agents/coder-agent/"
//	// want "duplicate-key" "duplicate-key"   (two findings on the line)
//
// `"rule-id: pattern"` is the older spelling of a rule with a pattern.
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
	"github.com/wranglint/wranglint/lint/source"
)

// Expectation is one wanted finding.
type Expectation struct {
	File    string // slash path relative to the case folder
	Line    int
	Col     int // 0: any column
	Rule    string
	Message *regexp.Regexp // nil: any message
	matched bool
}

func (e *Expectation) String() string {
	s := fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Rule)
	if e.Col > 0 {
		s = fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Rule)
	}
	if e.Message != nil {
		s += ": " + e.Message.String()
	}
	return s
}

var (
	wantRe  = regexp.MustCompile(`(?://|#)\s*want((?:\s+(?:\d+|"(?:[^"\\]|\\.)*"))+)`)
	tokenRe = regexp.MustCompile(`\d+|"(?:[^"\\]|\\.)*"`)
	ruleRe  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)+$`) // every id has a dash; a one-word pattern is a message
)

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
			es, err := parseWant(m[1], filepath.ToSlash(rel), i+1)
			if err != nil {
				return err
			}
			out = append(out, es...)
		}
		return nil
	})
	return out, err
}

// parseWant reads the expectations after one `want`.
func parseWant(text, file string, line int) ([]*Expectation, error) {
	var out []*Expectation
	col := 0
	for _, tok := range tokenRe.FindAllString(text, -1) {
		if tok[0] != '"' {
			col, _ = strconv.Atoi(tok)
			continue
		}
		s, err := strconv.Unquote(tok)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: bad want %s", file, line, tok)
		}
		rule, msg, hasMsg := strings.Cut(s, ": ")
		switch {
		case ruleRe.MatchString(rule):
			e := &Expectation{File: file, Line: line, Col: col, Rule: rule}
			col = 0
			out = append(out, e)
			if !hasMsg {
				continue
			}
			s = msg
		case len(out) == 0:
			return nil, fmt.Errorf("%s:%d: want %s: a message pattern must follow a rule id", file, line, tok)
		}
		last := out[len(out)-1]
		if last.Message != nil {
			return nil, fmt.Errorf("%s:%d: want: %s has two message patterns", file, line, last.Rule)
		}
		if last.Message, err = regexp.Compile(s); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", file, line, err)
		}
	}
	return out, nil
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
		pos := d.Span.StartPos()
		if !claim(wants, rel, pos, d) {
			unexpected = append(unexpected, fmt.Sprintf("%s:%d:%d: unexpected %s: %s", rel, pos.Line, pos.Col, d.Rule, d.Message))
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

func claim(wants []*Expectation, file string, pos source.Pos, d lint.Diagnostic) bool {
	for _, w := range wants {
		if w.matched || w.File != file || w.Line != pos.Line || w.Rule != d.Rule || w.Col > 0 && w.Col != pos.Col {
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
