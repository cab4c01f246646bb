package lsp_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/lsp"
	"github.com/wranglint/wranglint/rules"
)

// BenchmarkKeystroke measures a warm keystroke: a didChange in a client
// file until its diagnostics are published, on the repository named by
// WRANGLINT_LSP_BENCH_REPO (such as the cloudflare/agents monorepo), with
// no debounce and the scan cache on as `wranglint lsp` runs it. The file
// is WRANGLINT_LSP_BENCH_FILE (relative), else the first .tsx file that
// calls useAgent. Nothing in the repository is written.
// WRANGLINT_LSP_BENCH_PROFILE names a CPU profile of the timed keystrokes
// alone (-cpuprofile also holds the first lint of the whole workspace).
//
//	WRANGLINT_LSP_BENCH_REPO=/path/to/agents go test ./lint/lsp -run XXX -bench Keystroke
func BenchmarkKeystroke(b *testing.B) {
	repo := os.Getenv("WRANGLINT_LSP_BENCH_REPO")
	if repo == "" {
		b.Skip("set WRANGLINT_LSP_BENCH_REPO to a repository to measure")
	}
	repo, _ = filepath.Abs(repo)
	file := os.Getenv("WRANGLINT_LSP_BENCH_FILE")
	if file == "" {
		file = firstClient(b, repo)
	}
	path := filepath.Join(repo, file)
	lsp.TuneRuntime() // as `wranglint lsp` runs
	engine := lsp.NewEngine(rules.All(), jscode.OpenCache(b.TempDir(), "bench"))
	s := startInProcess(b, engine, 0)
	s.initialize(repo, capabilities())
	uri := s.open(path, 1)
	published := func(v int) func(lsp.PublishDiagnosticsParams) bool {
		return func(p lsp.PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == v }
	}
	s.waitDiagnostics(uri, "the first lint", published(1))
	// Type into a comment at the top of the file: the buffer stays valid
	// and never again equals the file on disk, as while one types.
	change := func(v int, r lsp.Range, text string) {
		s.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": v},
			"contentChanges": []any{map[string]any{"range": r, "text": text}}})
		s.waitDiagnostics(uri, "the keystroke's lint", published(v))
	}
	change(2, lsp.Range{}, "// \n")
	v := 2
	keystroke := func() {
		v++
		at := lsp.Position{Character: 3}
		change(v, lsp.Range{Start: at, End: at}, "x")
	}
	for range 3 { // warm
		keystroke()
	}
	if prof := os.Getenv("WRANGLINT_LSP_BENCH_PROFILE"); prof != "" {
		f, err := os.Create(prof)
		if err != nil {
			b.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		defer pprof.StopCPUProfile()
	}
	cpu := processCPU()
	b.ResetTimer()
	for b.Loop() {
		keystroke()
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/keystroke")
	if c := processCPU() - cpu; c > 0 {
		b.ReportMetric(float64(c.Microseconds())/1000/float64(b.N), "cpu-ms/keystroke")
	}
	s.call("shutdown", nil)
	s.notify("exit", nil)
	s.done()
}

// firstClient finds the first .tsx file (outside node_modules and tests)
// that calls useAgent.
func firstClient(b *testing.B, repo string) string {
	found := ""
	filepath.WalkDir(repo, func(p string, d fs.DirEntry, err error) error {
		if found != "" {
			return fs.SkipAll
		}
		if err != nil {
			return nil
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".tsx") && !strings.Contains(p, ".test.") {
			if data, err := os.ReadFile(p); err == nil && bytes.Contains(data, []byte("useAgent(")) {
				found, _ = filepath.Rel(repo, p)
			}
		}
		return nil
	})
	if found == "" {
		b.Skip("no .tsx file calls useAgent in " + repo + ": set WRANGLINT_LSP_BENCH_FILE")
	}
	return found
}
