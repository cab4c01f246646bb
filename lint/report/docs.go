package report

import (
	"fmt"
	"strings"

	"github.com/wranglint/wranglint/lint"
)

// Explain renders a rule's documentation for `wranglint explain`.
func Explain(r *lint.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)\n\n%s.\n\n", r.ID, r.Severity, capitalize(r.Doc.Summary))
	fmt.Fprintf(&b, "Why it matters\n%s\n\n", wrap(r.Doc.Why, 78))
	if r.Doc.Bad != "" {
		fmt.Fprintf(&b, "Reported\n%s\n\n", indent(r.Doc.Bad))
	}
	if r.Doc.Good != "" {
		fmt.Fprintf(&b, "Correct\n%s\n\n", indent(r.Doc.Good))
	}
	if r.Doc.Fix == "" {
		b.WriteString("lint.Fix: none\n")
	} else {
		fmt.Fprintf(&b, "lint.Fix (%s)\n%s\n", r.Doc.FixSafety, wrap(r.Doc.Fix, 78))
	}
	return b.String()
}

// RuleTable renders the Markdown rule table the README embeds.
func RuleTable(rules []*lint.Rule) string {
	var b strings.Builder
	b.WriteString("| rule | severity | fix | what it catches |\n|---|---|---|---|\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", r.ID, r.Severity, r.Doc.FixSafety, strings.ReplaceAll(r.Doc.Summary, "|", `\|`))
	}
	return b.String()
}

// RuleList renders the terminal table of `wranglint rules`.
func RuleList(rules []*lint.Rule) string {
	var b strings.Builder
	width := 4
	for _, r := range rules {
		width = max(width, len(r.ID))
	}
	fmt.Fprintf(&b, "%-*s  %-8s  %-15s  %s\n", width, "RULE", "SEVERITY", "FIX", "WHAT IT CATCHES")
	for _, r := range rules {
		fmt.Fprintf(&b, "%-*s  %-8s  %-15s  %s\n", width, r.ID, r.Severity, r.Doc.FixSafety, r.Doc.Summary)
	}
	return b.String()
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}

// wrap breaks prose at spaces so that lines stay under width.
func wrap(s string, width int) string {
	var b strings.Builder
	line := 0
	for i, word := range strings.Fields(s) {
		if i > 0 && line+1+len(word) > width {
			b.WriteByte('\n')
			line = 0
		} else if i > 0 {
			b.WriteByte(' ')
			line++
		}
		b.WriteString(word)
		line += len(word)
	}
	return b.String()
}
