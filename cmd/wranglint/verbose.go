package main

import (
	"fmt"
	"io"
	"sort"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/report"
)

// writeVerbose says on stderr what the lint judged and what it could not:
// how many client references it followed, and the client calls it left
// alone because their target is known only at run time, grouped by why.
func writeVerbose(out *lint.Outcome, w io.Writer) {
	p := out.Project
	computed := lint.Analyze(p, analyses.Refs, analyses.Entries)
	refs := analyses.RefsOf(computed)
	skipped := append(append([]jscode.Skip(nil), p.Skipped...), refs.Skipped...)
	entries := analyses.EntriesOf(computed).Skipped
	skipped = append(skipped, entries...)
	fmt.Fprintf(w, "wranglint: %d Worker config(s), %d file(s) scanned, %d client reference(s) judged, %d item(s) skipped (client calls and entries known only at run time)\n",
		len(p.Workers), len(p.Sources), len(refs.Refs), len(skipped))
	byReason := map[string][]string{}
	m := p.Files.Masker() // names from the code may be credentials
	for _, s := range skipped {
		where := "?"
		if s.Span.Valid() {
			where = s.Span.String()
		}
		byReason[m.Mask(s.Reason)] = append(byReason[m.Mask(s.Reason)], m.Mask(where+" ("+s.Via+")"))
	}
	reasons := make([]string, 0, len(byReason))
	for r := range byReason {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	for _, r := range reasons {
		fmt.Fprintf(w, "  skipped %d: %s\n", len(byReason[r]), report.Escape(r))
		for _, where := range byReason[r] {
			fmt.Fprintf(w, "    %s\n", report.Escape(where))
		}
	}
}
