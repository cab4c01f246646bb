package lint

import (
	"sort"
)

// Severity of a finding.
type Severity int

const (
	SeverityInfo Severity = iota
	SeverityWarning
	SeverityError
)

func (s Severity) String() string { return [...]string{"info", "warning", "error"}[s] }

// SyntaxErrorRule is the id of parse failures, which the engine reports
// itself (exit code 2), whatever rules run.
const SyntaxErrorRule = "syntax-error"

// Diagnostic is one finding.
type Diagnostic struct {
	Rule     string
	Severity Severity
	Span     Span
	Message  string
	Env      string // the environment the finding belongs to, "" for the top level or none
	Fix      *Fix   // the fix --fix applies (when safe, or unsafe with --unsafe-fixes)
	// Alternatives are other repairs, shown to the user, never applied.
	Alternatives []*Fix
}

// Fix is a rule's proposed repair, as byte-range edits.
type Fix struct {
	Description string
	Safe        bool
	Edits       []Edit
}

// Edit replaces File.Data[Start:End] with New, or, when RenameTo is set,
// renames the file (keeping its content and any other edits).
type Edit struct {
	File       *File
	Start, End int
	New        string
	RenameTo   string // an absolute path
}

// SortDiagnostics orders findings by file, line, column, rule, message.
func SortDiagnostics(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Span.File.Rel != b.Span.File.Rel {
			return a.Span.File.Rel < b.Span.File.Rel
		}
		if a.Span.Start != b.Span.Start {
			return a.Span.Start < b.Span.Start
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}

// dedupe drops exact repeats (the same rule, place and message).
func dedupe(ds []Diagnostic) []Diagnostic {
	type key struct {
		rule, file, msg string
		start, end      int
	}
	seen := map[key]bool{}
	out := ds[:0]
	for _, d := range ds {
		k := key{d.Rule, d.Span.File.Rel, d.Message, d.Span.Start, d.Span.End}
		if !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	return out
}
