package jscode

import (
	"reflect"
	"testing"

	"github.com/wranglint/wranglint/lint/cache"
	"github.com/wranglint/wranglint/lint/source"
)

// FuzzCacheEntry: any bytes decoded as a facts entry are refused or give
// facts that the code reading them can take (spans print, templates make
// references, values read), and that encode back to the same facts.
func FuzzCacheEntry(f *testing.F) {
	src := []byte("import { C } from \"./c\";\nexport const P = \"/agents/a/b\";\n" +
		"export class A extends Agent {}\nconst useX = (n: string) => useAgent({ agent: n });\nuseX(\"Chat\");\n" +
		"fetch(`https://h/agents/${P}/x`);\nexport { B as D } from \"./b\";\nenv.KV.get(\"k\");\n")
	file := source.NewFile("/x.ts", "x.ts", src)
	for _, g := range testScripts(f)[:20] {
		if data, err := cache.Encode(ScanSource(g), g); err == nil && len(g.Data) >= len(src) {
			f.Add(data) // an entry of a longer file: its spans fall outside /x.ts
		}
	}
	if data, err := cache.Encode(ScanSource(file), file); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sf, err := decodeFacts(data, file)
		if err != nil {
			return
		}
		use(sf)
		again, err := cache.Encode(sf, file)
		if err != nil {
			t.Fatalf("decoded facts do not encode: %v", err)
		}
		sf2, err := decodeFacts(again, file)
		if err != nil || !reflect.DeepEqual(sf, sf2) {
			t.Fatalf("re-encoded facts differ (%v)", err)
		}
	})
}

// use reads the facts the way the model and the rules do.
func use(sf *SourceFacts) {
	spans := func(ss ...source.Span) {
		for _, s := range ss {
			if s.Valid() {
				_ = s.String() + s.Text()
				s.EndPos()
			}
		}
	}
	for _, imp := range sf.Imports {
		_ = imp.Kind.String()
		spans(imp.Span)
	}
	for _, r := range sf.Refs {
		spans(r.Span, r.Site)
		spans(r.SegSpans...)
		_ = r.Segs
	}
	for _, rc := range sf.RouteCalls {
		spans(rc.Span)
		if rc.PrefixValue != nil {
			_ = rc.PrefixValue.Text()
		}
	}
	for _, t := range sf.Templates {
		t.Ref()
		_ = t.Value.Text()
		t.Fill(nil)
	}
	for _, w := range sf.Wrappers {
		for _, c := range sf.Calls {
			filled, _ := w.Template.Fill(c.Args)
			for _, filled := range filled {
				filled.Ref()
			}
		}
	}
	for _, vs := range sf.ExportedValues {
		_ = vs[0].Text()
		for _, v := range vs {
			v.Single()
		}
	}
	for _, c := range sf.Classes {
		spans(c.Span)
	}
	for _, e := range sf.EnvUses {
		spans(e.Span)
	}
	for _, s := range sf.Skipped {
		spans(s.Span)
	}
	if sf.Syntax != nil {
		_ = sf.Syntax.Error()
	}
}
