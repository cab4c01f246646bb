package report

import (
	"strings"
	"testing"

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
