// Package report is the output layer: findings as text (source excerpts
// with carets) and JSON, rule documentation rendered for `explain`, the
// rule list and the README table, and the answers of `wranglint route`.
package report

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/fatih/color"
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/source"
)

// Painter colours output; a zero Painter prints plain text.
type Painter struct{ On bool }

func (p Painter) paint(s string, attrs ...color.Attribute) string {
	if !p.On {
		return s
	}
	c := color.New(attrs...)
	c.EnableColor()
	return c.Sprint(s)
}

func (p Painter) severity(s lint.Severity) []color.Attribute {
	switch s {
	case lint.SeverityError:
		return []color.Attribute{color.FgRed, color.Bold}
	case lint.SeverityWarning:
		return []color.Attribute{color.FgYellow, color.Bold}
	}
	return []color.Attribute{color.FgCyan}
}

// WriteText prints findings as `path:line:col: message [rule]`, the source
// line with a caret underline, what a fix would do, then a summary.
func WriteText(w io.Writer, ds []lint.Diagnostic, pt Painter) {
	for _, d := range ds {
		writeOne(w, d, pt)
	}
	fmt.Fprintln(w, summary(ds, pt))
}

func writeOne(w io.Writer, d lint.Diagnostic, pt Painter) {
	start := d.Span.StartPos()
	loc := fmt.Sprintf("%s:%d:%d:", d.Span.File.Rel, start.Line, start.Col)
	sev := ""
	if d.Severity != lint.SeverityError {
		sev = pt.paint(d.Severity.String()+": ", pt.severity(d.Severity)...)
	}
	fmt.Fprintf(w, "%s %s%s %s\n", pt.paint(loc, color.Bold), sev, d.Message, pt.paint("["+d.Rule+"]", pt.severity(d.Severity)...))
	line := d.Span.File.LineText(start.Line)
	if line == "" && start.Line > 1 && d.Span.Start >= len(d.Span.File.Data) {
		return
	}
	gutter := strings.Repeat(" ", len(source.Itoa(start.Line)))
	code, caretCol, width := underline(line, start.Col, d.Span)
	fmt.Fprintf(w, "%s |\n", pt.paint(gutter, color.Faint))
	fmt.Fprintf(w, "%s | %s\n", pt.paint(source.Itoa(start.Line), color.Faint), code)
	mark := "^" + strings.Repeat("~", max(width-1, 0))
	fmt.Fprintf(w, "%s | %s%s\n", pt.paint(gutter, color.Faint), strings.Repeat(" ", caretCol), pt.paint(mark, pt.severity(d.Severity)...))
	for _, r := range d.Related {
		p := r.Span.StartPos()
		fmt.Fprintf(w, "%s = %s %s:%d:%d: %s\n", gutter, pt.paint("note:", color.FgCyan), r.Span.File.Rel, p.Line, p.Col, r.Note)
	}
	if d.Fix != nil {
		fmt.Fprintf(w, "%s = %s %s (%s)\n", gutter, pt.paint("fix:", color.FgGreen), d.Fix.Description, safety(d.Fix))
	}
	for _, alt := range d.Alternatives {
		fmt.Fprintf(w, "%s = %s %s (%s)\n", gutter, pt.paint("or:", color.FgGreen), alt.Description, safety(alt))
	}
}

func safety(f *lint.Fix) string { return f.Applicability.String() }

// maxExcerpt is how many characters of a source line are shown: minified
// or generated files can have lines of megabytes.
const maxExcerpt = 160

// underline expands tabs and returns the line, the caret's column (0-based,
// in characters) and the underline's width, clipped to the first line and
// to a window of maxExcerpt characters around the caret.
func underline(line string, col int, s source.Span) (string, int, int) {
	code, caret, width := expandLine(line, col, s)
	runes := []rune(code)
	if len(runes) <= maxExcerpt {
		return code, caret, width
	}
	start := max(0, min(caret-maxExcerpt/3, len(runes)-maxExcerpt))
	end := min(len(runes), start+maxExcerpt)
	prefix, suffix := "", ""
	if start > 0 {
		prefix = "…"
	}
	if end < len(runes) {
		suffix = "…"
	}
	caret = caret - start + len([]rune(prefix))
	return prefix + string(runes[start:end]) + suffix, caret, min(width, end-(caret-len([]rune(prefix))+start))
}

func expandLine(line string, col int, s source.Span) (string, int, int) {
	var b strings.Builder
	caret, i := 0, 1
	for _, r := range line {
		if i == col {
			caret = utf8.RuneCountInString(b.String())
		}
		if r == '\t' {
			b.WriteString("    ")
		} else {
			b.WriteRune(r)
		}
		i++
	}
	if col >= i {
		caret = utf8.RuneCountInString(b.String())
	}
	text := s.Text()
	if nl := strings.IndexByte(text, '\n'); nl >= 0 {
		text = text[:nl]
	}
	width := max(utf8.RuneCountInString(strings.TrimRight(text, "\r")), 1)
	return b.String(), caret, width
}

func summary(ds []lint.Diagnostic, pt Painter) string {
	if len(ds) == 0 {
		return pt.paint("no problems found", color.FgGreen)
	}
	var counts [3]int
	files := map[string]bool{}
	for _, d := range ds {
		counts[d.Severity]++
		files[d.Span.File.Rel] = true
	}
	parts := []string{}
	for _, s := range []lint.Severity{lint.SeverityError, lint.SeverityWarning, lint.SeverityInfo} {
		if n := counts[s]; n > 0 {
			parts = append(parts, plural(n, s.String()))
		}
	}
	return pt.paint(fmt.Sprintf("%s in %s", strings.Join(parts, ", "), plural(len(files), "file")), color.Bold)
}

func plural(n int, word string) string {
	if n == 1 || word == "info" {
		return source.Itoa(n) + " " + word
	}
	return source.Itoa(n) + " " + word + "s"
}
