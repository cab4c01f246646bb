// Package report is the output layer: findings as text (source excerpts
// with carets), JSON, SARIF, GitHub annotations, GitLab Code Quality,
// checkstyle and JUnit, and their counts per rule; rule documentation
// rendered for `explain`, the rule pages, the rule list and the README
// table; the settings schema; the answers of `wranglint route` and the
// route map of `wranglint routes`.
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

// Painter colours output; a zero Painter prints plain text. Links makes
// each [rule] a terminal hyperlink (OSC 8) to the rule's page, for
// terminals (not for --color always into a file or a pager).
type Painter struct{ On, Links bool }

// link makes text a hyperlink to url on a terminal that asked for links.
func (p Painter) link(text, url string) string {
	if !p.Links {
		return text
	}
	return "\x1b]8;;" + url + "\x1b\\" + text + "\x1b]8;;\x1b\\"
}

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

// IOErrorRule is the rule id of a path that could not be read or
// written; such findings have no position and no excerpt.
const IOErrorRule = lint.IOErrorRule

// WriteText prints findings as `path:line:col: message [rule]`, the source
// line with a caret underline, what a fix would do, then a summary. Text
// from files (names in messages, excerpts, file names) is escaped so that
// no control character reaches the terminal, and secrets are masked.
func WriteText(w io.Writer, ds []lint.Diagnostic, pt Painter) {
	WriteDiagnostics(w, ds, pt)
	fmt.Fprintln(w, summary(ds, pt))
}

// WriteDiagnostics is WriteText without the summary.
func WriteDiagnostics(w io.Writer, ds []lint.Diagnostic, pt Painter) {
	for _, d := range ds {
		writeOne(w, d, pt)
	}
}

func writeOne(w io.Writer, d lint.Diagnostic, pt Painter) {
	start := d.Span.StartPos()
	loc := fmt.Sprintf("%s:%d:%d:", Escape(d.Span.File.Rel), start.Line, start.Col)
	// A path that could not be read has no position; a failure of no
	// file in particular has no path either.
	unplaced := d.Rule == IOErrorRule || d.Span.File.Rel == ""
	switch {
	case d.Span.File.Rel == "":
		loc = "wranglint:"
	case unplaced:
		loc = Escape(d.Span.File.Rel) + ":"
	}
	// every finding names its severity, as compilers do: "error:" too
	sev := pt.paint(d.Severity.String()+": ", pt.severity(d.Severity)...)
	fmt.Fprintf(w, "%s %s%s %s\n", pt.paint(loc, color.Bold), sev, Escape(d.Message), pt.link(pt.paint("["+d.Rule+"]", pt.severity(d.Severity)...), lint.DocsURL(d.Rule)))
	if unplaced {
		return
	}
	lineStart, lineEnd := d.Span.File.LineBounds(start.Line)
	if lineStart == lineEnd && start.Line > 1 && d.Span.Start >= len(d.Span.File.Data) {
		return
	}
	gutter := strings.Repeat(" ", len(source.Itoa(start.Line)))
	code, caretCol, width := underline(d.Span)
	fmt.Fprintf(w, "%s |\n", pt.paint(gutter, color.Faint))
	fmt.Fprintf(w, "%s | %s\n", pt.paint(source.Itoa(start.Line), color.Faint), code)
	mark := "^" + strings.Repeat("~", max(width-1, 0))
	fmt.Fprintf(w, "%s | %s%s\n", pt.paint(gutter, color.Faint), strings.Repeat(" ", caretCol), pt.paint(mark, pt.severity(d.Severity)...))
	for _, r := range d.Related {
		p := r.Span.StartPos()
		fmt.Fprintf(w, "%s = %s %s:%d:%d: %s\n", gutter, pt.paint("note:", color.FgCyan), Escape(r.Span.File.Rel), p.Line, p.Col, Escape(r.Note))
	}
	if d.Fix != nil {
		fmt.Fprintf(w, "%s = %s %s (%s)\n", gutter, pt.paint("fix:", color.FgGreen), Escape(d.Fix.Description), safety(d.Fix))
	}
	for _, alt := range d.Alternatives {
		fmt.Fprintf(w, "%s = %s %s (%s)\n", gutter, pt.paint("or:", color.FgGreen), Escape(alt.Description), safety(alt))
	}
}

func safety(f *lint.Fix) string { return f.Applicability.String() }

// maxExcerpt is how many characters of a source line are shown: minified
// or generated files can have lines of megabytes.
const maxExcerpt = 160

// underline returns the excerpt of the span's first line (tabs expanded,
// control characters escaped, secrets masked), the caret's column (0-based,
// in characters) and the underline's width, clipped to a window of
// maxExcerpt characters around the caret.
func underline(s source.Span) (string, int, int) {
	ex := displayLine(s)
	runes, caret := ex.runes, ex.caret
	width := max(ex.end-caret, 1)
	start, stop := 0, len(runes)
	if len(runes) > maxExcerpt {
		start = max(0, min(caret-maxExcerpt/3, len(runes)-maxExcerpt))
		stop = start + maxExcerpt
	}
	prefix, suffix := "", ""
	if start > 0 || ex.cutLeft {
		prefix = "…"
	}
	if stop < len(runes) || ex.cutRight {
		suffix = "…"
	}
	width = max(min(width, stop-caret), 1)
	caret = caret - start + len([]rune(prefix))
	return prefix + string(runes[start:stop]) + suffix, caret, width
}

// excerpt is a line as shown, with where the span starts and ends on it
// (in shown characters), and whether bytes were left out on either side.
type excerpt struct {
	runes             []rune
	caret, end        int
	cutLeft, cutRight bool
}

// displayLine renders the span's first line as it is shown. Only a window
// around the span is rendered: a minified line can be megabytes long.
func displayLine(s source.Span) excerpt {
	f := s.File
	lineStart, lineEnd := f.LineBounds(f.Position(s.Start).Line)
	from := windowStart(f.Data, lineStart, s.Start)
	to := windowEnd(f.Data, max(s.Start, from), lineEnd)
	secrets := f.SecretRanges(from, to)
	ex := excerpt{caret: -1, end: -1, cutLeft: from > lineStart, cutRight: to < lineEnd}
	for off := from; off < to; {
		if off == s.Start {
			ex.caret = len(ex.runes)
		}
		if off == s.End && ex.caret >= 0 {
			ex.end = len(ex.runes)
		}
		r, size := utf8.DecodeRune(f.Data[off:to])
		switch {
		case inRanges(secrets, off):
			ex.runes = append(ex.runes, source.MaskRune)
		case r == '\t':
			ex.runes = append(ex.runes, ' ', ' ', ' ', ' ')
		default:
			ex.runes = append(ex.runes, []rune(source.EscapeRune(r, size == 1 && r == utf8.RuneError, f.Data[off]))...)
		}
		off += size
	}
	if ex.caret < 0 {
		ex.caret = len(ex.runes)
	}
	if ex.end < 0 {
		ex.end = len(ex.runes)
	}
	return ex
}

// windowStart and windowEnd bound the bytes rendered around off: enough
// for maxExcerpt characters however many an escape takes.
func windowStart(b []byte, lineStart, off int) int {
	start := max(lineStart, off-4*maxExcerpt)
	for start > lineStart && !utf8.RuneStart(b[start]) {
		start--
	}
	return start
}

func windowEnd(b []byte, off, lineEnd int) int {
	end := min(lineEnd, off+16*maxExcerpt)
	for end < lineEnd && !utf8.RuneStart(b[end]) {
		end++
	}
	return end
}

func inRanges(rs [][2]int, off int) bool {
	for _, r := range rs {
		if r[0] <= off && off < r[1] {
			return true
		}
	}
	return false
}

// Escape makes text from files safe to print on a terminal (see
// source.Escape).
func Escape(s string) string { return source.Escape(s) }

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
