package jscode

import (
	"reflect"
	"strings"
	"testing"
)

func TestImportRecords(t *testing.T) {
	src := `import type { Env } from "./types";
import { used, unused } from "./lib";
import { onlyType } from "./typeonly";
import "./side-effect";
export { A as B } from "./a";
export * from "./star";
export * as ns from "./ns";
const m = await import("./dynamic");
const r = require("./required");
function f(require: (s: string) => unknown) { return require("./shadowed"); }
const x: onlyType = used();
import("./" + m);
`
	sf := scan(t, "a.ts", src)
	var got []string
	for _, r := range sf.Imports {
		got = append(got, r.Kind.String()+" "+r.Spec+" "+r.Span.String()+" "+r.Span.Text())
	}
	want := []string{
		`import ./lib a.ts:2:30 "./lib"`,
		`import ./side-effect a.ts:4:8 "./side-effect"`,
		`re-export ./a a.ts:5:24 "./a"`,
		`export * ./star a.ts:6:15 "./star"`,
		`re-export ./ns a.ts:7:21 "./ns"`,
		`import() ./dynamic a.ts:8:24 "./dynamic"`,
		`require() ./required a.ts:9:19 "./required"`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("imports:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestImportRecordsKeepUnusedJavaScriptImports(t *testing.T) {
	sf := scan(t, "a.js", "import { unused } from './lib';\nimport x from 'pkg';\n")
	if len(sf.Imports) != 2 || sf.Imports[0].Spec != "./lib" || sf.Imports[1].Spec != "pkg" {
		t.Fatalf("imports: %+v", sf.Imports)
	}
}
