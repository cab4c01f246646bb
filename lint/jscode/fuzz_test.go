package jscode

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

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

func FuzzScanSource(f *testing.F) {
	seedFiles(f, func(n string) bool { return source.IsScript(n) }, "../../testdata")
	f.Add([]byte("useAgent({ agent: `a${b}`, prefix: '/x/' }); fetch(`${o}://${h}/agents/a/${i}`)"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) {
			return // esbuild rejects invalid UTF-8 with a syntax error; covered by its own tests
		}
		file := source.NewFile("/x.tsx", "x.tsx", data)
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
