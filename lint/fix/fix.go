// Package fix applies rules' fixes: byte-range edits and renames on the
// original bytes, re-linted in memory to a fixed point, every changed file
// parsed again, then written atomically (or not at all); and the unified
// diffs --diff prints.
package fix

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// MaxPasses bounds the fix, re-lint, fix loop. A fix that still wants
// to change something after that never converges: a bug, reported loudly.
const MaxPasses = 10

// Result is the outcome of fixing a project in memory.
type Result struct {
	// Original and Fixed hold, for every changed file (absolute path), its
	// bytes before and after.
	Original map[string][]byte
	Fixed    map[string][]byte
	Applied  []lint.Diagnostic // the findings whose fix was applied, in order
	// Renamed maps an original path to its new one; the new one's content
	// is in Fixed.
	Renamed map[string]string
	// Outcome is the final lint of the fixed project; Remaining its
	// findings.
	Outcome   *lint.Outcome
	Remaining []lint.Diagnostic
	Project   *project.Project
	// Refused are fixes not applied because they would write outside the
	// linted folders (or through a link they would replace).
	Refused []Refusal
	// Initial is the first lint, of the files as they are on disk: its
	// fixes' offsets are the disk's (what --diff --format sarif attaches).
	Initial []lint.Diagnostic
	masker  *source.Masker
}

// Masker hides the secrets of every version of every config the fix
// loop read, for diffs and messages.
func (r *Result) Masker() *source.Masker { return r.masker }

// Refusal is a fix that was not applied, and why.
type Refusal struct {
	Fix  *lint.Fix
	Path string // the file it would have written, as shown
	Why  string
}

func (r Refusal) Error() string {
	return "fix not applied: " + r.Fix.Description + ": " + r.Path + " " + r.Why
}

// Changed lists the changed (or created) files, sorted.
func (r *Result) Changed() []string { return source.SortedKeys(r.Fixed) }

// renamedFrom returns the original path of a file created by a rename.
func (r *Result) renamedFrom(to string) string {
	for from, t := range r.Renamed {
		if t == to {
			return from
		}
	}
	return ""
}

// Error is a fixer bug or a fix that would break a file: nothing is
// written when it happens.
type Error struct{ Msg string }

func (e *Error) Error() string { return "internal error, nothing was written: " + e.Msg }

// Run lints, applies the selected fixes in memory, and re-lints until
// nothing changes. It writes nothing.
func Run(opts project.LoadOptions, rules []*lint.Rule, lintOpts lint.Options, unsafe bool) (*Result, error) {
	res := &Result{Original: map[string][]byte{}, Fixed: map[string][]byte{}, Renamed: map[string]string{}, masker: source.NewMasker()}
	roots := writableRoots(opts)
	refused := map[string]bool{}
	removed := map[string]bool{}
	overlay := map[string][]byte{}
	for k, v := range opts.Overlay {
		overlay[k] = v // the caller's in-memory files (tests) come first
	}
	banned := map[string]bool{}
	var before state
	var beforeErrors map[string]int
	var lastChosen []lint.Diagnostic
	oneAtATime := false
	for pass := 0; ; pass++ {
		opts.Overlay, opts.Removed = overlay, removed
		p := project.Load(opts)
		res.masker.Merge(p.Files.Masker())
		out := lint.Run(p, rules, lintOpts)
		ds := out.Diagnostics
		if pass > 0 {
			if d, worse := res.introduced(beforeErrors, ds); worse {
				res.restore(before, overlay, removed)
				if len(lastChosen) == 1 {
					banned[fixKey(lastChosen[0])] = true
					res.Refused = append(res.Refused, Refusal{Fix: lastChosen[0].Fix, Path: lastChosen[0].Span.File.Rel,
						Why: "would introduce an error: " + d.Message + " [" + d.Rule + "]"})
				}
				oneAtATime = true // find the fix that did it
				continue
			}
		}
		res.Project, res.Outcome, res.Remaining = p, out, ds
		if pass == 0 {
			res.Initial = ds
		}
		if hasSyntaxErrors(ds) || len(p.Problems) > 0 {
			if pass > 0 {
				return nil, &Error{"a fix produced a file that no longer parses: " + firstSyntax(ds)}
			}
			return res, nil // broken input: nothing to fix safely
		}
		chosen := selectFixes(res.keepWritable(p, dropBanned(ds, banned), roots, refused), unsafe)
		if oneAtATime && len(chosen) > 1 {
			chosen = chosen[:1]
		}
		before, beforeErrors, lastChosen = res.snapshot(overlay, removed), res.errorCounts(ds), chosen
		changed, renames := applyFixes(chosen)
		if len(changed) == 0 && len(renames) == 0 {
			return res, nil
		}
		if limit := MaxPasses + len(banned); pass >= limit && !oneAtATime || pass >= 4*limit {
			return nil, &Error{fmt.Sprintf("fixes did not converge after %d passes (still changing %s); please report this", MaxPasses, strings.Join(relNames(p, changed), ", "))}
		}
		for path, data := range changed {
			if _, seen := res.Original[path]; !seen {
				if f := p.Files.Cached(path); f != nil {
					res.Original[path] = f.Data
				}
			}
			if err := verifyParses(p.Files, path, data); err != nil {
				return nil, &Error{err.Error()}
			}
			overlay[path] = data
			res.Fixed[path] = data
		}
		if err := applyRenames(p, res, renames, overlay, removed); err != nil {
			return nil, err
		}
		res.Applied = append(res.Applied, chosen...)
	}
}

func hasSyntaxErrors(ds []lint.Diagnostic) bool { return firstSyntax(ds) != "" }

func firstSyntax(ds []lint.Diagnostic) string {
	for _, d := range ds {
		if d.Rule == lint.SyntaxErrorRule {
			return d.Span.String() + ": " + d.Message
		}
	}
	return ""
}

func relNames(p *project.Project, m map[string][]byte) []string {
	var out []string
	for _, k := range source.SortedKeys(m) {
		out = append(out, p.Files.Rel(k))
	}
	return out
}

// selectFixes keeps the fixes to apply: safe ones (and unsafe ones when
// asked), skipping any fix with an edit that overlaps an earlier choice.
// A fix is applied whole or not at all.
func selectFixes(ds []lint.Diagnostic, unsafe bool) []lint.Diagnostic {
	taken := map[*source.File][][2]int{}
	var out []lint.Diagnostic
	for _, d := range ds {
		if d.Fix == nil || d.Fix.Empty() || (d.Fix.Applicability == lint.Unsafe && !unsafe) || d.Fix.Applicability == lint.DisplayOnly || !changesSomething(d.Fix) {
			continue
		}
		if overlapsAny(d.Fix.Edits, taken) {
			continue
		}
		for _, e := range d.Fix.Edits {
			taken[e.File] = append(taken[e.File], [2]int{e.Start, e.End})
		}
		out = append(out, d)
	}
	return out
}

func changesSomething(f *lint.Fix) bool {
	if len(f.Renames) > 0 {
		return true
	}
	for _, e := range f.Edits {
		if string(e.File.Data[e.Start:e.End]) != e.New {
			return true
		}
	}
	return false
}

// overlapsAny: two ranges overlap when they share a byte, or when both
// insert at the same point (their order would be arbitrary).
func overlapsAny(edits []source.Edit, taken map[*source.File][][2]int) bool {
	for i, e := range edits {
		for _, r := range taken[e.File] {
			if e.Start < r[1] && r[0] < e.End || e.Start == r[0] && (e.Start == e.End || r[0] == r[1]) {
				return true
			}
		}
		for _, o := range edits[:i] {
			if o.File == e.File && (e.Start < o.End && o.Start < e.End || e.Start == o.Start) {
				return true
			}
		}
	}
	return false
}

// applyFixes splices the chosen edits into each file's bytes, last edit
// first so that earlier offsets stay valid. Bytes outside the edits are
// kept exactly.
func applyFixes(chosen []lint.Diagnostic) (map[string][]byte, map[string]string) {
	byFile := map[*source.File][]source.Edit{}
	renames := map[string]string{}
	for _, d := range chosen {
		for _, r := range d.Fix.Renames {
			renames[r.File.Path] = r.To
		}
		for _, e := range d.Fix.Edits {
			byFile[e.File] = append(byFile[e.File], e)
		}
	}
	out := map[string][]byte{}
	for f, edits := range byFile {
		sort.Slice(edits, func(i, j int) bool { return edits[i].Start > edits[j].Start })
		data := append([]byte(nil), f.Data...)
		for _, e := range edits {
			data = append(data[:e.Start], append([]byte(e.New), data[e.End:]...)...)
		}
		if !bytes.Equal(data, f.Data) {
			out[f.Path] = data
		}
	}
	return out, renames
}

// applyRenames moves renamed files in the overlay: the new path gets the
// (possibly edited) content and the old one disappears.
func applyRenames(p *project.Project, res *Result, renames map[string]string, overlay map[string][]byte, removed map[string]bool) error {
	for from, to := range renames {
		data, ok := overlay[from]
		if !ok {
			f, err := p.Files.Read(from)
			if err != nil {
				return &Error{err.Error()}
			}
			data = f.Data
			res.Original[from] = f.Data
		}
		if p.Files.Exists(to) {
			return &Error{"cannot rename " + p.Files.Rel(from) + " to " + p.Files.Rel(to) + ": it exists"}
		}
		delete(overlay, from)
		delete(res.Fixed, from)
		removed[from] = true
		overlay[to], res.Fixed[to] = data, data
		res.Renamed[from] = to
	}
	return nil
}

// verifyParses re-parses a fixed file; a fix must never break one.
func verifyParses(fs *source.FileSet, path string, data []byte) error {
	f := source.NewFile(path, fs.Rel(path), data)
	var err error
	switch {
	case source.IsConfigName(filepath.Base(path)):
		if strings.HasSuffix(path, ".toml") {
			_, err = wrangler.ParseTOML(f)
		} else {
			_, err = wrangler.ParseJSONC(f)
		}
	case source.IsScript(path):
		if se := jscode.CheckSyntax(f); se != nil {
			err = se
		}
	}
	var se *source.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("the fixed %s no longer parses: %s", f.Rel, se.Error())
	}
	return err
}
