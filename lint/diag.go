package lint

import (
	"sort"

	"github.com/wranglint/wranglint/lint/source"
)

// Severity of a finding.
type Severity int

const (
	SeverityInfo Severity = iota
	SeverityWarning
	SeverityError
)

func (s Severity) String() string { return [...]string{"info", "warning", "error"}[s] }

// Diagnostic is one finding.
type Diagnostic struct {
	Rule     string
	Severity Severity
	Span     source.Span
	Message  string
	Env      string // the environment the finding belongs to, "" for the top level or none
	// Related are other places that explain the finding: the client of a
	// mismatch, the first of two colliding bindings.
	Related []Related
	Fix     *Fix // the fix --fix applies (when safe, or unsafe with --unsafe-fixes)
	// Alternatives are other repairs, shown to the user, never applied.
	Alternatives []*Fix
	// Key identifies the finding across runs and fixes: the rule, the file,
	// the environment and what the finding is about (a config path, or the
	// text at the place and its occurrence), never its line or message.
	// The driver sets it.
	Key string
}

// Related is another place that belongs to a finding, with a short note.
type Related struct {
	Span source.Span
	Note string
}

// Applicability says when a fix may be applied.
type Applicability int

const (
	// Safe fixes keep the program's meaning and are applied by --fix.
	Safe Applicability = iota
	// Unsafe fixes may change behaviour (a rename other code may rely
	// on): applied only with --unsafe-fixes.
	Unsafe
	// DisplayOnly fixes are shown, never applied.
	DisplayOnly
)

func (a Applicability) String() string { return [...]string{"safe", "unsafe", "display-only"}[a] }

// Fix is a rule's proposed repair: byte-range edits and file renames.
type Fix struct {
	Description   string
	Applicability Applicability
	Edits         []source.Edit
	Renames       []source.Rename
}

// Empty reports whether the fix has nothing to do.
func (f *Fix) Empty() bool { return len(f.Edits) == 0 && len(f.Renames) == 0 }

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
