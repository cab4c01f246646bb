package jscode

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

// Deep nesting is refused before the recursive parsers see it, with the
// position where it passes the limit; real code passes.
func TestNestingBound(t *testing.T) {
	deep := map[string]string{
		"parens.ts":   "export default " + strings.Repeat("(", 300000) + "1" + strings.Repeat(")", 300000) + ";\n",
		"arrays.js":   "x = " + strings.Repeat("[", 2000) + strings.Repeat("]", 2000),
		"template.ts": "x = " + strings.Repeat("`${", 2000) + "1" + strings.Repeat("}`", 2000),
		"jsx.tsx":     "x = " + strings.Repeat("<a>", 2000) + strings.Repeat("</a>", 2000),
		"bangs.ts":    "x = " + strings.Repeat("!", 20000) + "1",
		"ternary.ts":  "x = " + strings.Repeat("a ? b : ", 20000) + "c",
		"arrows.ts":   "x = " + strings.Repeat("a => ", 20000) + "1",
		"awaits.ts":   "x = async () => " + strings.Repeat("await ", 20000) + "1",
		"mixed.jsx":   "x = " + strings.Repeat("(!", 6000) + "1" + strings.Repeat(")", 6000),
	}
	for name, code := range deep {
		f := source.NewFile("/"+name, name, []byte(code))
		se := CheckSyntax(f)
		if se == nil || !strings.Contains(se.Msg, "nested deeper than") && !strings.Contains(se.Msg, "nesting deeper than") {
			t.Errorf("%s: %v", name, se)
		}
	}
	if se := CheckSyntax(source.NewFile("/p.ts", "p.ts", []byte(deep["parens.ts"]))); se == nil || se.Span.String() != "p.ts:1:1016" {
		t.Errorf("the error is placed at the bracket past the limit: %v", se)
	}
	fine := map[string]string{
		"strings.ts":  "x = '" + strings.Repeat("(", 5000) + "' + \"" + strings.Repeat("[", 5000) + "\" + `" + strings.Repeat("{", 5000) + "`; // " + strings.Repeat("(", 5000) + "\n/* " + strings.Repeat("[", 5000) + " */",
		"regexp.js":   "x = /" + strings.Repeat("\\(", 5000) + "[(]/.test(y)",
		"jsxtext.tsx": "export const A = () => <p>" + strings.Repeat("don't ( [ ", 2000) + "{(a)}" + "</p>;",
		"chains.ts":   strings.Repeat("a = b ? c : d, e = f => g;\n", 20000),
		"flat.ts":     strings.Repeat("f((a), [b], {c});", 20000),
	}
	for name, code := range fine {
		if se := CheckSyntax(source.NewFile("/"+name, name, []byte(code))); se != nil {
			t.Errorf("%s: %v", name, se)
		}
	}
}

// Every script of the repository's test data is within the bounds.
func TestNestingOfTestdata(t *testing.T) {
	filepath.WalkDir("../../testdata", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && source.IsScript(p) {
			data, _ := os.ReadFile(p)
			if off, msg := jsNesting(data, jsxAllowed(p)); off >= 0 {
				t.Errorf("%s: %d: %s", p, off, msg)
			}
		}
		return nil
	})
}
