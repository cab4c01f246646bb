package sdk

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

// BenchmarkVersionFinder: 1000 workspace folders below one npm lockfile
// that lists them all (1.3 MB), as in a monorepo: the lockfile is parsed
// once, each folder then costs a walk up through cached files.
func BenchmarkVersionFinder(b *testing.B) {
	dir := b.TempDir()
	var lock strings.Builder
	lock.WriteString(`{"lockfileVersion":3,"packages":{"":{},"node_modules/agents":{"version":"0.2.14"}`)
	var dirs []string
	for i := range 1000 {
		ws := fmt.Sprintf("workers/w%04d", i)
		fmt.Fprintf(&lock, `,"%s":{"name":"w%04d","dependencies":{"agents":"^0.2.0","react":"^19.1.0"}},"node_modules/w%04d":{"resolved":"%s","link":true}`, ws, i, i, ws)
		d := filepath.Join(dir, ws, "src")
		must(b, os.MkdirAll(d, 0o755))
		must(b, os.WriteFile(filepath.Join(dir, ws, "package.json"), []byte(`{"dependencies":{"agents":"^0.2.0"}}`), 0o644))
		dirs = append(dirs, filepath.Join(dir, ws), d)
	}
	lock.WriteString("}}")
	must(b, os.WriteFile(filepath.Join(dir, "package-lock.json"), []byte(lock.String()), 0o644))
	for b.Loop() {
		vf := NewVersionFinder(source.NewFileSet(dir, nil, nil))
		for _, d := range dirs {
			if v := vf.For(d); v.Agents.Version.String() != "0.2.14" {
				b.Fatal(v.Explain())
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(dirs)), "µs/folder")
}
