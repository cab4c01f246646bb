package wrangler

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
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
	seedFiles(f, isJSONConfig, "../../testdata", "../../../shared/corpus")
	f.Add([]byte("\xEF\xBB\xBF{\r\n\t// c\r\n\t\"a\": [1, 2,],\r\n}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file := source.NewFile("/w.jsonc", "w.jsonc", data)
		root, err := ParseJSONC(file)
		if err != nil {
			se, ok := err.(*source.SyntaxError)
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
	seedFiles(f, func(n string) bool { return n == "wrangler.toml" }, "../../testdata", "../../../shared/corpus")
	f.Fuzz(func(t *testing.T, data []byte) {
		file := source.NewFile("/w.toml", "w.toml", data)
		root, err := ParseTOML(file)
		if err != nil {
			if _, ok := err.(*source.SyntaxError); !ok {
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
