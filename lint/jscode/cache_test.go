package jscode

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/wranglint/wranglint/lint/cache"
	"github.com/wranglint/wranglint/lint/source"
)

// testScripts lists every .ts and .tsx file under testdata.
func testScripts(t testing.TB) []*source.File {
	t.Helper()
	root, _ := filepath.Abs("../../testdata")
	var out []*source.File
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		ext := filepath.Ext(path)
		if err != nil || d.IsDir() || (ext != ".ts" && ext != ".tsx") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, source.NewFile(path, strings.TrimPrefix(path, root+"/"), data))
		return nil
	})
	if len(out) < 50 {
		t.Fatalf("only %d .ts/.tsx files under testdata", len(out))
	}
	return out
}

// TestCacheEqualsScan: for every .ts/.tsx under testdata, a fresh scan
// passes the checks a decoded entry must pass, and facts taken from the
// cache equal a fresh scan, through the codec and through the store.
func TestCacheEqualsScan(t *testing.T) {
	c := OpenCache(t.TempDir(), "test")
	seen := map[string]bool{} // some fixtures have the same bytes: one entry
	for _, f := range testScripts(t) {
		fresh := ScanSource(f)
		if err := fresh.check(f); err != nil {
			t.Errorf("%s: a fresh scan fails the entry checks: %v", f.Rel, err)
		}
		data, err := cache.Encode(fresh, f)
		if err != nil {
			t.Errorf("%s: %v", f.Rel, err)
			continue
		}
		decoded, err := decodeFacts(data, f)
		if err != nil {
			t.Errorf("%s: %v", f.Rel, err)
			continue
		}
		if !reflect.DeepEqual(fresh, decoded) {
			t.Errorf("%s: decoded facts differ:\nfresh   %+v\ndecoded %+v", f.Rel, fresh, decoded)
		}
		content := filepath.Ext(f.Path) + "\x00" + string(f.Data)
		if _, hit := c.Scan(f, true); hit != seen[content] {
			t.Errorf("%s: hit %v, want %v", f.Rel, hit, seen[content])
		}
		seen[content] = true
		cached, hit := c.Scan(f, true)
		if !hit || !reflect.DeepEqual(fresh, cached) {
			t.Errorf("%s: second scan: hit %v, equal %v", f.Rel, hit, reflect.DeepEqual(fresh, cached))
		}
	}
	// Through the disk: a new run reads what the first one wrote.
	dir := t.TempDir()
	first := OpenCache(dir, "test")
	files := testScripts(t)[:10]
	for _, f := range files {
		first.Scan(f, true)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	second := OpenCache(dir, "test")
	for _, f := range files {
		if facts, hit := second.Scan(f, true); !hit || !reflect.DeepEqual(facts, ScanSource(f)) {
			t.Errorf("%s: not read back from the pack (hit %v)", f.Rel, hit)
		}
	}
	if other := OpenCache(dir, "another build"); other != nil {
		if _, hit := other.Scan(files[0], false); hit {
			t.Error("an entry of another build was read")
		}
	}
}

// TestCacheNeverStoresSecrets: facts of a file with a secret in it (a
// token in a known format, found by lint/source, or a range marked
// secret) are not written, since they may quote it (issue 17 item 8).
func TestCacheNeverStoresSecrets(t *testing.T) {
	token := "ghp_" + strings.Repeat("aB3", 12)
	for name, src := range map[string]string{
		"a token in a URL literal":  "const url = \"https://example.com/agents/x/y?token=" + token + "\";\nnew WebSocket(url);\n",
		"a token as a path segment": "fetch(`https://hooks.slack.com/services/T000/B000/xoxb-123456789012-abcdefghijklmnop/agents/a/b`);\n",
		"a marked secret":           "export const KEY = \"hunter2-hunter2-hunter2\";\n",
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			c := OpenCache(dir, "test")
			f := source.NewFile("/s.ts", "s.ts", []byte(src))
			if name == "a marked secret" {
				i := strings.Index(src, "hunter2")
				f.MarkSecret(i, i+23)
			}
			if len(f.SecretRanges(0, len(f.Data))) == 0 {
				t.Fatal("the source layer finds no secret here")
			}
			c.Scan(f, true)
			c.Close()
			for _, name := range packFiles(t, dir) {
				data, _ := os.ReadFile(name)
				if strings.Contains(string(data), token) || strings.Contains(string(data), "xoxb-") || strings.Contains(string(data), "hunter2") {
					t.Errorf("%s holds the secret", name)
				}
			}
			again := OpenCache(dir, "test")
			if _, hit := again.Scan(source.NewFile("/s.ts", "s.ts", []byte(src)), true); hit {
				t.Error("facts of a file holding a secret were cached")
			}
		})
	}
}

func packFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// TestCacheInconsistentIsMiss: an entry that decodes but breaks what the
// facts promise (a span past the file, a kind out of range, an empty
// list of values) is a miss, and the file is scanned afresh.
func TestCacheInconsistentIsMiss(t *testing.T) {
	f := source.NewFile("/x.ts", "x.ts", []byte("export const A = \"/agents/a/b\";\nexport class C extends Agent {}\n"))
	fresh := ScanSource(f)
	for name, spoil := range map[string]func(sf *SourceFacts){
		"span past the end": func(sf *SourceFacts) {
			sf.Exports = append(sf.Exports, ExportFact{Name: "X", Span: source.Span{File: f, Start: 10, End: 900}})
		},
		"span backwards": func(sf *SourceFacts) {
			sf.Exports = append(sf.Exports, ExportFact{Name: "X", Span: source.Span{File: f, Start: 10, End: 5}})
		},
		"insertion point": func(sf *SourceFacts) { sf.InsertAt = len(f.Data) + 1 },
		"class keyword":   func(sf *SourceFacts) { sf.Classes = append(sf.Classes, ClassFact{Name: "D", KeywordAt: -7}) },
		"import kind":     func(sf *SourceFacts) { sf.Imports = append(sf.Imports, ImportRecord{Spec: "./m", Kind: 9}) },
		"no values":       func(sf *SourceFacts) { sf.ExportedValues = map[string][]Value{"A": {}} },
		"piece kind": func(sf *SourceFacts) {
			sf.Templates = append(sf.Templates, Template{Value: Value{Pieces: []Piece{{Kind: 7}}}})
		},
		"negative parameter": func(sf *SourceFacts) {
			sf.Calls = append(sf.Calls, Call{Args: []Arg{{Values: []Value{{Pieces: []Piece{{Kind: PieceParam, Param: -1}}}}}}})
		},
		"empty template": func(sf *SourceFacts) { sf.Templates = append(sf.Templates, Template{}) },
		"segments and places": func(sf *SourceFacts) {
			sf.Refs = append(sf.Refs, &ClientRef{Kind: RefLiteralURL, Value: "x", Span: source.Span{File: f}, Segs: []string{"a", "b", "c"}})
		},
		"reference with no place":  func(sf *SourceFacts) { sf.Refs = append(sf.Refs, &ClientRef{Value: "x"}) },
		"text region past the end": func(sf *SourceFacts) { sf.TextRegions = append(sf.TextRegions, TextRange{0, len(f.Data) + 1}) },
		"member kind":              func(sf *SourceFacts) { sf.ClassMembers = append(sf.ClassMembers, ClassMember{Kind: 9}) },
		"router index": func(sf *SourceFacts) {
			sf.Entry.Values = append(sf.Entry.Values, EntryValue{Kind: ValueApp, Router: 1 + len(sf.Routers)})
		},
		"cron index": func(sf *SourceFacts) {
			sf.Entry.Funcs = append(sf.Entry.Funcs, FuncFact{Cron: 1 + len(sf.CronDispatches)})
		},
		"value reference": func(sf *SourceFacts) { sf.Entry.Default = ValueRef(len(sf.Entry.Values) + 1) },
		"mount":           func(sf *SourceFacts) { sf.Routers = append(sf.Routers, RouterFact{Mounts: []Mount{{Router: 9}}}) },
	} {
		sf := *fresh
		spoil(&sf)
		data, err := cache.Encode(&sf, f)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, err := decodeFacts(data, f); err == nil {
			t.Errorf("%s: decoded without complaint", name)
		}
	}
}

// TestCacheDecodeGarbage: decoding arbitrary bytes fails without a panic
// or a huge allocation.
func TestCacheDecodeGarbage(t *testing.T) {
	f := source.NewFile("/x.ts", "x.ts", []byte("export const x = 1;\n"))
	for _, in := range []string{"", "\x01", "\xff\xff\xff\xff\xff\xff\xff\xff\x7f", strings.Repeat("\x05", 100)} {
		if _, err := decodeFacts([]byte(in), f); err == nil {
			t.Errorf("%q decoded", in)
		}
	}
}

// TestCacheConcurrent: runs sharing a cache folder each see whole entries.
func TestCacheConcurrent(t *testing.T) {
	dir := t.TempDir()
	files := testScripts(t)[:20]
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 3 {
				c := OpenCache(dir, "test")
				for _, f := range files {
					if facts, _ := c.Scan(f, true); !reflect.DeepEqual(facts, ScanSource(f)) {
						t.Errorf("%s: facts differ", f.Rel)
					}
				}
				c.Close()
			}
		}()
	}
	wg.Wait()
}

// checkedNumbers are every number in the facts (type.field) with where
// check verifies it, or why any value is safe. A decoded entry holds any
// number an attacker or a bad disk wrote: a new number in the facts
// needs its check before it is listed here.
var checkedNumbers = map[string]string{
	"ImportRecord.Kind":      "check: import kinds",
	"StubFetch.GetterArg":    "check: stub getter arguments (compared, never an index)",
	"StubGetter.Param":       "check: stub getter parameters (compared, never an index)",
	"ClientRef.Kind":         "check: reference kinds",
	"Piece.Kind":             "checkValue",
	"Piece.Param":            "checkValue",
	"ParamRef.Arg":           "any value is safe: compared with another ParamRef, never an index",
	"ClassFact.KeywordAt":    "check: inside the file",
	"SourceFacts.InsertAt":   "check: inside the file",
	"SourceFacts.Quote":      "a byte written back as it is",
	"Template.Kind":          "checkTemplate",
	"TextRange.Start":        "check: text regions",
	"TextRange.End":          "check: text regions",
	"ClassMember.Kind":       "check: member kinds",
	"EntryValue.Kind":        "EntryFacts.check",
	"EntryMember.Kind":       "EntryFacts.check",
	"EntryMember.Value":      "EntryFacts.check",
	"EntryValue.Spreads[]":   "EntryFacts.check",
	"EntryValue.Extends":     "EntryFacts.check",
	"EntryValue.Router":      "EntryFacts.check",
	"EntryValue.CalleeValue": "EntryFacts.check",
	"EntryValue.Args[]":      "EntryFacts.check",
	"EntryValue.Object":      "EntryFacts.check",
	"EntryValue.Func":        "EntryFacts.check",
	"EntryValue.Param":       "EntryFacts.check",
	"FuncFact.Params":        "EntryFacts.check",
	"FuncFact.Router":        "EntryFacts.check",
	"FuncFact.Cron":          "EntryFacts.check",
	"FuncFact.Returns[]":     "EntryFacts.check",
	"Delegate.Object":        "EntryFacts.check",
	"EntryFacts.Default":     "EntryFacts.check",
	"NamedValue.Value":       "EntryFacts.check",
	"Mount.Router":           "check: mounts",
	"BindingCall.Args":       "check: binding calls",
}

// TestCacheChecksEveryNumber: every number the facts hold is checked on
// decoding (or listed as safe); a new one fails here until it is.
func TestCacheChecksEveryNumber(t *testing.T) {
	found := map[string]bool{}
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type, path string)
	walk = func(t reflect.Type, path string) {
		if t == reflect.TypeFor[source.Span]() || t == reflect.TypeFor[*source.File]() {
			return // the codec checks spans against the file
		}
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			walk(t.Elem(), path+"[]")
		case reflect.Map:
			walk(t.Key(), path+"{key}")
			walk(t.Elem(), path+"{}")
		case reflect.Struct:
			if seen[t] {
				return
			}
			seen[t] = true
			for i := range t.NumField() {
				walk(t.Field(i).Type, t.Name()+"."+t.Field(i).Name)
			}
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
			found[path] = true
		}
	}
	walk(reflect.TypeFor[SourceFacts](), "SourceFacts")
	for path := range found {
		if checkedNumbers[path] == "" {
			t.Errorf("%s: a number in the facts that decoding does not check; check it in cache_validate.go, then list it in checkedNumbers", path)
		}
	}
	for path := range checkedNumbers {
		if !found[path] {
			t.Errorf("%s: listed, but no longer in the facts", path)
		}
	}
}
