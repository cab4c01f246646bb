package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/fatih/color"
	"github.com/wranglint/wranglint/lint"
)

// RuleCount is how often one rule was reported (--statistics).
type RuleCount struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"` // the most severe of its findings
	Count    int    `json:"count"`
	Fixable  int    `json:"fixable"` // findings with a fix --fix applies (safe)
	URL      string `json:"url"`
}

// Statistics counts the findings per rule, most frequent first.
func Statistics(ds []lint.Diagnostic) []RuleCount {
	by := map[string]*RuleCount{}
	sev := map[string]lint.Severity{}
	for _, d := range ds {
		c := by[d.Rule]
		if c == nil {
			c = &RuleCount{Rule: d.Rule, URL: lint.DocsURL(d.Rule)}
			by[d.Rule] = c
			sev[d.Rule] = d.Severity
		}
		c.Count++
		if d.Fix != nil && d.Fix.Applicability == lint.Safe {
			c.Fixable++
		}
		sev[d.Rule] = max(sev[d.Rule], d.Severity)
	}
	out := []RuleCount{}
	for id, c := range by {
		c.Severity = sev[id].String()
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Rule < out[j].Rule
	})
	return out
}

// StatisticsFormats are the formats --statistics prints.
var StatisticsFormats = []string{"text", "json", "github"}

// WriteStatistics prints the counts per rule: a table (text), a JSON
// object {"statistics": [...]} (json), or a Markdown table for a GitHub
// Actions job summary (github).
func WriteStatistics(w io.Writer, ds []lint.Diagnostic, format string, pt Painter) error {
	stats := Statistics(ds)
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Statistics []RuleCount `json:"statistics"`
		}{stats})
	case "github":
		return writeStatisticsMarkdown(w, stats, ds)
	}
	width := len("rule")
	for _, s := range stats {
		width = max(width, len(s.Rule))
	}
	var b strings.Builder
	for _, s := range stats {
		fixable := ""
		if s.Fixable > 0 {
			fixable = fmt.Sprintf("%d fixable", s.Fixable)
		}
		rule := pt.link(pt.paint(fmt.Sprintf("%-*s", width, s.Rule), statSeverity(pt, s.Severity)...), s.URL)
		fmt.Fprintf(&b, "%5d  %s  %-7s  %s\n", s.Count, rule, s.Severity, fixable)
	}
	b.WriteString(summary(ds, pt) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func statSeverity(pt Painter, s string) []color.Attribute {
	for _, sev := range []lint.Severity{lint.SeverityError, lint.SeverityWarning, lint.SeverityInfo} {
		if sev.String() == s {
			return pt.severity(sev)
		}
	}
	return nil
}

// writeStatisticsMarkdown is the job summary: the counts per rule, each
// rule linked to its page.
func writeStatisticsMarkdown(w io.Writer, stats []RuleCount, ds []lint.Diagnostic) error {
	var b strings.Builder
	b.WriteString("### wranglint\n\n")
	if len(stats) == 0 {
		b.WriteString("No problems found.\n")
	} else {
		b.WriteString(summary(ds, Painter{}) + ".\n\n| rule | severity | findings | fixable with `--fix` |\n|---|---|---:|---:|\n")
		for _, s := range stats {
			fmt.Fprintf(&b, "| [`%s`](%s) | %s | %d | %d |\n", s.Rule, s.URL, s.Severity, s.Count, s.Fixable)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
