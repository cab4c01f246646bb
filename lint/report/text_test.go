package report

import (
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/source"
)

func TestExcerptIsClipped(t *testing.T) {
	line := strings.Repeat("x", 5000) + "TARGET" + strings.Repeat("y", 5000)
	f := source.NewFile("/f", "f", []byte(line))
	span := source.Span{File: f, Start: 5000, End: 5006}
	code, caret, width := underline(span)
	if n := len([]rune(code)); n > maxExcerpt+2 {
		t.Fatalf("excerpt of %d characters", n)
	}
	if got := string([]rune(code)[caret : caret+width]); got != "TARGET" {
		t.Fatalf("the caret marks %q", got)
	}
}

// The excerpt masks secrets and escapes control characters, and the caret
// still marks the span.
func TestExcerptMasksAndEscapes(t *testing.T) {
	line := "\t\"K\x1b\": \"sk-secret-value\", // \u202eevil"
	f := source.NewFile("/f", "f", []byte(line+"\n"))
	start := strings.Index(line, "\"sk-")
	f.MarkSecret(start+1, start+1+len("sk-secret-value"))
	code, caret, width := underline(source.Span{File: f, Start: start, End: start + len("\"sk-secret-value\"")})
	if want := `    "K\x1b": "***************", // \u202eevil`; code != want {
		t.Errorf("excerpt %q, want %q", code, want)
	}
	if got := string([]rune(code)[caret : caret+width]); got != `"***************"` {
		t.Errorf("the caret marks %q", got)
	}
}

func TestWriteTextIOError(t *testing.T) {
	var b strings.Builder
	d := lint.Diagnostic{Rule: IOErrorRule, Severity: lint.SeverityError, Span: source.Span{File: source.NewFile("/x", "x\x1b", nil)}, Message: "no such file"}
	WriteText(&b, []lint.Diagnostic{d}, Painter{})
	if got := b.String(); got != "x\\x1b: error: no such file [io-error]\n1 error in 1 file\n" {
		t.Errorf("%q", got)
	}
}

func TestWriteTextUnplaced(t *testing.T) {
	var b strings.Builder
	d := lint.Diagnostic{Rule: "internal-error", Severity: lint.SeverityError, Span: source.Span{File: source.NewFile("", "", nil)}, Message: "fixes did not converge"}
	WriteText(&b, []lint.Diagnostic{d}, Painter{})
	if got := b.String(); !strings.HasPrefix(got, "wranglint: error: fixes did not converge [internal-error]\n") {
		t.Errorf("%q", got)
	}
}
