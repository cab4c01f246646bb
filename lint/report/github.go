package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/wranglint/wranglint/lint"
)

// WriteGitHub prints findings as GitHub Actions workflow commands, which
// the runner turns into annotations on the pull request's files:
//
//	::error file=F,line=L,col=C,endLine=L,endColumn=C,title=RULE::MESSAGE
//
// warning for warnings and notice for info. A span on one line gives its
// columns (endColumn is the last character, inclusive); a span over
// several lines gives only its lines, as GitHub accepts columns only
// within one line. Related places and the fix follow the message on
// lines of their own. A plain summary line ends the output.
func WriteGitHub(w io.Writer, ds []lint.Diagnostic) error {
	if err := WriteGitHubAnnotations(w, ds); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, summary(ds, Painter{}))
	return err
}

// WriteGitHubAnnotations is WriteGitHub without the summary (--quiet).
func WriteGitHubAnnotations(w io.Writer, ds []lint.Diagnostic) error {
	for _, d := range ds {
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", githubLevel(d.Severity), githubProperties(d), escapeData(githubMessage(d))); err != nil {
			return err
		}
	}
	return nil
}

func githubLevel(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "error"
	case lint.SeverityWarning:
		return "warning"
	}
	return "notice"
}

func githubProperties(d lint.Diagnostic) string {
	start, end := d.Span.StartPos(), d.Span.EndPos()
	props := []string{"file=" + escapeProperty(Escape(d.Span.File.Rel)), fmt.Sprintf("line=%d", start.Line)}
	switch {
	case d.Span.File.Rel == "": // an I/O error may have no path
		props = nil
	case len(d.Span.File.Data) == 0: // nor a position
		props = props[:1]
	case end.Line == start.Line:
		props = append(props, fmt.Sprintf("col=%d", start.Col), fmt.Sprintf("endLine=%d", end.Line), fmt.Sprintf("endColumn=%d", max(end.Col-1, start.Col)))
	case end.Col == 1:
		props = append(props, fmt.Sprintf("endLine=%d", end.Line-1)) // the span ends with its last line's line break
	default:
		props = append(props, fmt.Sprintf("endLine=%d", end.Line))
	}
	props = append(props, "title="+escapeProperty(Escape(d.Rule)))
	return strings.Join(props, ",")
}

// githubMessage is the message, then the related places, the fixes and
// the rule's documentation. Each part is escaped as the text format
// escapes it (names from files may hold ESC, BEL, bidi controls, line
// separators), so that the only line breaks are the ones between parts;
// escapeData then encodes those.
func githubMessage(d lint.Diagnostic) string {
	var b strings.Builder
	b.WriteString(Escape(d.Message))
	for _, r := range d.Related {
		p := r.Span.StartPos()
		fmt.Fprintf(&b, "\nnote: %s:%d:%d: %s", Escape(r.Span.File.Rel), p.Line, p.Col, Escape(r.Note))
	}
	if d.Fix != nil {
		fmt.Fprintf(&b, "\nfix: %s (%s)", Escape(d.Fix.Description), d.Fix.Applicability)
	}
	for _, alt := range d.Alternatives {
		fmt.Fprintf(&b, "\nor: %s (%s)", Escape(alt.Description), alt.Applicability)
	}
	b.WriteString("\ndocs: " + lint.DocsURL(d.Rule))
	return b.String()
}

// escapeData escapes a workflow command's message as the runner unescapes
// it: %, CR and LF.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a property value: also : and , which separate
// properties.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
