package lint

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// seedFiles adds every file below the roots whose name matches keep.
func seedFiles(f *testing.F, keep func(string) bool, roots ...string) {
	for _, root := range roots {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && keep(d.Name()) {
				if data, err := os.ReadFile(p); err == nil && len(data) < 1<<20 {
					f.Add(data)
				}
			}
			return nil
		})
	}
}

func isJSONConfig(name string) bool { return name == "wrangler.json" || name == "wrangler.jsonc" }

// checkTree asserts that every span of a parsed tree lies in the file and
// maps to a valid position.
func checkTree(t *testing.T, n *Node, size int) {
	if n == nil {
		return
	}
	if n.Span.Start < 0 || n.Span.End > size || n.Span.Start > n.Span.End {
		t.Fatalf("span %d-%d outside a file of %d bytes", n.Span.Start, n.Span.End, size)
	}
	if p := n.Span.StartPos(); p.Line < 1 || p.Col < 1 {
		t.Fatalf("position %v", p)
	}
	for _, m := range n.Members {
		if m.KeySpan.End > size {
			t.Fatalf("key span past the end")
		}
		checkTree(t, m.Value, size)
	}
	for _, it := range n.Items {
		checkTree(t, it, size)
	}
}

func FuzzParseJSONC(f *testing.F) {
	seedFiles(f, isJSONConfig, "../testdata", "../../shared/corpus")
	f.Add([]byte("\xEF\xBB\xBF{\r\n\t// c\r\n\t\"a\": [1, 2,],\r\n}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file := NewFile("/w.jsonc", "w.jsonc", data)
		root, err := ParseJSONC(file)
		if err != nil {
			se, ok := err.(*SyntaxError)
			if !ok || se.Span.Start < 0 || se.Span.Start > len(data) {
				t.Fatalf("error without a place: %v", err)
			}
			return
		}
		checkTree(t, root, len(data))
		NewConfig(file, root) // environments resolve without panicking
	})
}

func FuzzParseTOML(f *testing.F) {
	seedFiles(f, func(n string) bool { return n == "wrangler.toml" }, "../testdata", "../../shared/corpus")
	f.Fuzz(func(t *testing.T, data []byte) {
		file := NewFile("/w.toml", "w.toml", data)
		root, err := ParseTOML(file)
		if err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("error without a place: %v", err)
			}
			return
		}
		checkTree(t, root, len(data))
		for _, e := range NewConfig(file, root).Envs {
			e.DurableObjects()
			e.RoutePatterns()
		}
	})
}

func FuzzScanSource(f *testing.F) {
	seedFiles(f, func(n string) bool { return sourceExts[filepath.Ext(n)] }, "../testdata")
	f.Add([]byte("useAgent({ agent: `a${b}`, prefix: '/x/' }); fetch(`${o}://${h}/agents/a/${i}`)"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) {
			return // esbuild rejects invalid UTF-8 with a syntax error; covered by its own tests
		}
		file := NewFile("/x.tsx", "x.tsx", data)
		sf := ScanSource(file)
		for _, r := range sf.Refs {
			if r.Span.Start < 0 || r.Span.End > len(data) || r.Span.Start > r.Span.End {
				t.Fatalf("reference span %d-%d in %d bytes", r.Span.Start, r.Span.End, len(data))
			}
		}
		for _, u := range sf.EnvUses {
			if got := u.Span.Text(); !strings.Contains(got, u.Name) {
				t.Fatalf("env use %q placed on %q", u.Name, got)
			}
		}
	})
}
