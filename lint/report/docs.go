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
	if r.Doc.Bad != "" || r.Doc.Good != "" {
		bad, good := examples(r.Doc.Bad, r.Doc.Good)
		fmt.Fprintf(&b, "Reported\n%s\nCorrect\n%s\n", bad, good)
	}
	if r.Doc.Fix == "" {
		b.WriteString("Fix: none\n")
	} else {
		fmt.Fprintf(&b, "Fix (%s)\n%s\n", r.Doc.FixSafety, wrap(r.Doc.Fix, 78))
	}
	return b.String()
}

// examples renders the two txtar examples file by file, each file under
// its path.
func examples(bad, good string) (string, string) {
	badFiles, err1 := lint.ExampleFiles(bad)
	goodFiles, err2 := lint.ExampleFiles(good)
	if err1 != nil || err2 != nil {
		// tests keep examples valid; show them as written
		return indent(strings.TrimRight(bad, "\n")) + "\n", indent(strings.TrimRight(good, "\n")) + "\n"
	}
	var all []string
	for _, f := range badFiles {
		all = append(all, exampleFile(f))
	}
	return strings.Join(all, "\n"), correction(badFiles, goodFiles)
}

// correction renders Good, the Bad project corrected: its changed files in
// full, the others only by name, so that the correction stands out.
func correction(badFiles, goodFiles []lint.ExampleFile) string {
	before := map[string]string{}
	for _, f := range badFiles {
		before[f.Path] = f.Text
	}
	var changed, same, deleted []string
	for _, f := range goodFiles {
		if text, ok := before[f.Path]; ok && text == f.Text {
			same = append(same, f.Path)
		} else {
			changed = append(changed, exampleFile(f))
		}
		delete(before, f.Path)
	}
	for _, f := range badFiles {
		if _, gone := before[f.Path]; gone {
			deleted = append(deleted, f.Path)
		}
	}
	out := strings.Join(changed, "\n")
	if len(changed) > 0 && len(same)+len(deleted) > 0 {
		out += "\n"
	}
	if len(deleted) > 0 {
		out += "  deleted: " + strings.Join(deleted, ", ") + "\n"
	}
	if len(same) > 0 {
		out += "  unchanged: " + strings.Join(same, ", ") + "\n"
	}
	return out
}

func exampleFile(f lint.ExampleFile) string {
	return "  " + f.Path + ":\n" + indent(strings.TrimRight(f.Text, "\n")) + "\n"
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

// indent indents every line but empty ones, which stay empty.
func indent(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "    " + l
		}
	}
	return strings.Join(lines, "\n")
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

// RulePage renders a rule's documentation page (docs/rules/<id>.md, where
// lint.DocsURL points): what it catches, why it matters, the reported
// and the correct example project, and the fix.
func RulePage(r *lint.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", r.ID)
	b.WriteString(generatedNote)
	fmt.Fprintf(&b, "Severity: **%s**. Fix: **%s**.\n\n%s.\n\n", r.Severity, r.Doc.FixSafety, capitalize(r.Doc.Summary))
	if r.Doc.Why != "" {
		fmt.Fprintf(&b, "## Why it matters\n\n%s\n\n", r.Doc.Why)
	}
	if r.Doc.Bad != "" {
		b.WriteString("## Reported\n\n" + markdownFiles(r.Doc.Bad))
	}
	if r.Doc.Good != "" {
		b.WriteString("## Correct\n\n" + markdownFiles(r.Doc.Good))
	}
	if r.Doc.Fix != "" {
		fmt.Fprintf(&b, "## Fix (%s)\n\n%s\n\n", r.Doc.FixSafety, r.Doc.Fix)
	}
	if id := r.ID; lint.EngineRule(id) != nil && id != lint.UnusedSuppressionRule {
		fmt.Fprintf(&b, "## Settings\n\nNone: wranglint reports it whatever rules run, and settings cannot turn it off. `wranglint explain %s` prints this page in the terminal.\n", id)
		return b.String()
	}
	fmt.Fprintf(&b, "## Settings\n\nIn `.wranglint.jsonc`: `\"rules\": { \"%s\": \"off\" }` (or `\"info\"`, `\"warning\"`, `\"error\"`); on one line: `// wranglint-disable-next-line %s -- why`. `wranglint explain %s` prints this page in the terminal.\n", r.ID, r.ID, r.ID)
	return b.String()
}

const generatedNote = "<!-- generated from the rule's documentation: go test ./cmd/wranglint -run RuleDocPages -update -->\n\n"

// RuleIndex renders docs/rules/README.md: every rule and every finding
// the engine makes itself, each linked to its page.
func RuleIndex(rules, engine []*lint.Rule) string {
	var b strings.Builder
	b.WriteString("# wranglint rules\n\n" + generatedNote)
	b.WriteString("| rule | severity | fix | what it catches |\n|---|---|---|---|\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "| [`%s`](%s.md) | %s | %s | %s |\n", r.ID, r.ID, r.Severity, r.Doc.FixSafety, strings.ReplaceAll(r.Doc.Summary, "|", `\|`))
	}
	b.WriteString("\nThe engine's own findings (reported whatever rules run; only `unused-suppression` can be configured):\n\n")
	b.WriteString("| finding | severity | what it means |\n|---|---|---|\n")
	for _, r := range engine {
		fmt.Fprintf(&b, "| [`%s`](%s.md) | %s | %s |\n", r.ID, r.ID, r.Severity, strings.ReplaceAll(r.Doc.Summary, "|", `\|`))
	}
	return b.String()
}

// markdownFiles renders a txtar example as one fenced block per file.
func markdownFiles(txt string) string {
	files, err := lint.ExampleFiles(txt)
	if err != nil {
		return "```text\n" + strings.TrimRight(txt, "\n") + "\n```\n\n"
	}
	var b strings.Builder
	for _, f := range files {
		fence := "```"
		for strings.Contains(f.Text, fence) {
			fence += "`"
		}
		fmt.Fprintf(&b, "`%s`:\n\n%s%s\n%s%s\n\n", f.Path, fence, fenceLang(f.Path), f.Text, fence)
	}
	return b.String()
}

// fenceLang names a file's language for Markdown highlighting.
func fenceLang(path string) string {
	switch ext := path[strings.LastIndexByte(path, '.')+1:]; ext {
	case "jsonc", "json", "toml", "ts", "tsx", "js", "jsx":
		return ext
	case "mjs", "cjs":
		return "js"
	}
	return "text"
}
