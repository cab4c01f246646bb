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

// Component files: whatever the markup, blocks stay inside the file and
// every reference is placed on the file's own text.
func FuzzScanComponent(f *testing.F) {
	seedFiles(f, func(n string) bool { return componentKind(n) != "" }, "../../testdata")
	f.Add([]byte("---\nif (x) return y;\n---\n<script lang=\"ts\" {a} b={c > d}>new WebSocket('/agents/a/b')</script><!-- <script>"))
	f.Add([]byte("<script src=x /><script>fetch(`/agents/${a}/b`)</script><style>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) {
			return
		}
		for _, name := range []string{"x.svelte", "x.vue", "x.astro"} {
			for _, m := range componentModules(data, componentKind(name)) {
				for _, b := range m {
					if b.start < 0 || b.end > len(data) || b.start > b.end {
						t.Fatalf("%s: block %d-%d in %d bytes", name, b.start, b.end, len(data))
					}
				}
			}
			sf := ScanSource(source.NewFile("/"+name, name, data))
			for _, r := range sf.Refs {
				if r.Span.Start < 0 || r.Span.End > len(data) || r.Span.Start > r.Span.End {
					t.Fatalf("%s: reference span %d-%d in %d bytes", name, r.Span.Start, r.Span.End, len(data))
				}
			}
		}
	})
}
