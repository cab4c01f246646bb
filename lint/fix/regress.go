package fix

import (
	"path/filepath"
	"strings"

	"github.com/wranglint/wranglint/lint"
)

// A fix after which the project has an error it did not have before is
// not applied: the pass is rolled back, and the fix is refused (after
// applying the pass's fixes one at a time to find which one it was).

// state is what one pass of the loop changes, for a roll-back.
type state struct {
	overlay, fixed map[string][]byte
	removed        map[string]bool
	renamed        map[string]string
	applied        int
}

func (r *Result) snapshot(overlay map[string][]byte, removed map[string]bool) state {
	return state{overlay: cloneBytes(overlay), fixed: cloneBytes(r.Fixed), removed: cloneBools(removed),
		renamed: cloneStrings(r.Renamed), applied: len(r.Applied)}
}

// restore puts the loop back as it was before a pass; the caller's maps
// are refilled in place (the loop holds them).
func (r *Result) restore(s state, overlay map[string][]byte, removed map[string]bool) {
	clear(overlay)
	for k, v := range s.overlay {
		overlay[k] = v
	}
	clear(removed)
	for k, v := range s.removed {
		removed[k] = v
	}
	r.Fixed, r.Renamed, r.Applied = cloneBytes(s.fixed), cloneStrings(s.renamed), r.Applied[:s.applied]
}

// errorCounts counts error findings by their stable keys (what they are
// about, not where: fixes move lines), with the names files had before
// any rename, so that a renamed config's findings are the same findings.
func (r *Result) errorCounts(ds []lint.Diagnostic) map[string]int {
	out := map[string]int{}
	for _, d := range ds {
		if d.Severity == lint.SeverityError {
			out[r.stableKey(d)]++
		}
	}
	return out
}

// stableKey is the finding's key with its file named as before renames.
func (r *Result) stableKey(d lint.Diagnostic) string {
	parts := strings.SplitN(d.Key, "\x00", 3)
	if len(parts) == 3 {
		if from := r.renamedFrom(filepath.FromSlash(parts[1])); from != "" {
			parts[1] = filepath.ToSlash(from)
		}
	}
	return strings.Join(parts, "\x00")
}

// introduced returns an error finding that after has and before had not.
func (r *Result) introduced(before map[string]int, after []lint.Diagnostic) (lint.Diagnostic, bool) {
	counts := r.errorCounts(after)
	for _, d := range after {
		k := r.stableKey(d)
		if d.Severity == lint.SeverityError && counts[k] > before[k] {
			return d, true
		}
	}
	return lint.Diagnostic{}, false
}

// fixKey identifies a fix across passes (each pass lints afresh, and
// other fixes move lines, so descriptions naming lines change): the
// finding's stable key.
func fixKey(d lint.Diagnostic) string { return d.Key }

// dropBanned removes the fixes refused for introducing an error.
func dropBanned(ds []lint.Diagnostic, banned map[string]bool) []lint.Diagnostic {
	out := make([]lint.Diagnostic, len(ds))
	for i, d := range ds {
		if d.Fix != nil && banned[fixKey(d)] {
			d.Fix = nil
		}
		out[i] = d
	}
	return out
}

func cloneBytes(m map[string][]byte) map[string][]byte {
	out := make(map[string][]byte, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func cloneBools(m map[string]bool) map[string]bool {
	out := make(map[string]bool, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func cloneStrings(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
