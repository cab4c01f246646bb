package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/source"
)

// A rename was once printed as an edit that does nothing
// ({"start":0,"end":0,"new_text":""}); it is an operation of its own.
func TestJSONPrintsRenames(t *testing.T) {
	f := source.NewFile("/w/wrangler.json", "wrangler.json", []byte("{ // c\n}"))
	d := lint.Diagnostic{Rule: "json-with-comments", Span: source.Span{File: f, Start: 2, End: 3}, Message: "m",
		Fix: &lint.Fix{Description: "rename", Applicability: lint.Safe,
			Renames: []source.Rename{{File: f, To: "/w/wrangler.jsonc"}}}}
	var out bytes.Buffer
	rel := func(abs string) string { return map[string]string{"/w/wrangler.jsonc": "wrangler.jsonc"}[abs] }
	if err := WriteJSON(&out, []lint.Diagnostic{d}, rel); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Diagnostics []struct {
			Fix struct {
				Applicability string
				Edits         []any
				Renames       []struct{ From, To string }
			}
		}
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	fix := rep.Diagnostics[0].Fix
	if fix.Applicability != "safe" || len(fix.Edits) != 0 || len(fix.Renames) != 1 ||
		fix.Renames[0].From != "wrangler.json" || fix.Renames[0].To != "wrangler.jsonc" {
		t.Fatalf("fix: %+v\n%s", fix, out.String())
	}
}
