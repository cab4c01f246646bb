package lsp

import (
	"context"

	"github.com/wranglint/wranglint/lint/source"
)

// Engine lints the workspace as the editor has it. The server knows
// nothing else of the linter: every call into the engine (loading,
// rules, fixes, the routing model behind hover and definition) sits
// behind this interface, in engine.go.
type Engine interface {
	// Lint lints the roots with the editor's buffers in place of the
	// files on disk, and returns what the server shows.
	Lint(ctx context.Context, req LintRequest) (*Snapshot, error)
}

// LintRequest is one lint of the workspace.
type LintRequest struct {
	// Roots are the folders to lint (the workspace folders); never empty.
	Roots []string
	// Overlay holds every open buffer by absolute path: the editor's text
	// wins over the disk, saved or not. Files not in it are read from disk.
	Overlay map[string][]byte
	// Changed lists the paths edited, opened, closed or changed on disk
	// since Previous was made; nil when unknown (the first lint, a new
	// workspace folder): then anything may have changed.
	Changed []string
	// Previous is the snapshot of the last lint, for an engine that keeps
	// state between keystrokes (nil on the first).
	Previous *Snapshot
}

// Severity of a finding, as the editor ranks them.
type Severity int

const (
	SeverityInfo Severity = iota
	SeverityWarning
	SeverityError
)

// Safety says whether a fix keeps the program's meaning.
type Safety int

const (
	Safe Safety = iota
	Unsafe
)

// Finding is one finding with everything the editor needs: where, why,
// the related places and the fixes.
type Finding struct {
	Rule     string
	Severity Severity
	Span     source.Span
	Message  string // secrets masked
	Related  []Related
	// Fixes are the repairs, the one --fix applies first, then the
	// alternatives; none that is only for display.
	Fixes []Fix
	// Key identifies the finding across lints (never its line).
	Key string
	// Suppressible: an inline wranglint-disable-next-line can silence it
	// (the engine's own findings, such as syntax errors, cannot be).
	Suppressible bool
}

// Related is another place that explains a finding.
type Related struct {
	Span source.Span
	Note string // secrets masked
}

// Fix is one repair: byte-range edits on the files as the engine read
// them, and file renames (a rename keeps the file's edited content).
type Fix struct {
	Title   string // secrets masked
	Safety  Safety
	Edits   []source.Edit
	Renames []source.Rename
}

// Hover is what the editor shows over a place.
type Hover struct {
	Span     source.Span // the hovered name
	Markdown string
}

// Snapshot is the result of one lint: immutable, safe to read from any
// goroutine.
type Snapshot struct {
	Findings []Finding
	// Notes are problems that have no place in a file (a root that holds
	// no Worker); the server logs them.
	Notes []string
	// Queries answers hover and definition on this snapshot.
	Queries Queries
}

// Queries answers questions about one snapshot's project.
type Queries interface {
	// File returns the file at path as the engine read it (nil when it
	// did not): positions in findings, hover and definition refer to
	// these bytes.
	File(path string) *source.File
	// Hover describes the name at byte offset off of the file at path.
	Hover(path string, off int) (Hover, bool)
	// Definition returns where the name at off is declared.
	Definition(path string, off int) []source.Span
}

// noQueries answers nothing: the snapshot of a session with no folder and
// no buffer.
type noQueries struct{}

func (noQueries) File(string) *source.File             { return nil }
func (noQueries) Hover(string, int) (Hover, bool)      { return Hover{}, false }
func (noQueries) Definition(string, int) []source.Span { return nil }
