package lint_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/wranglint/wranglint/internal/gen/monorepo"
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/rules"
)

// Benchmarks on generated monorepos (internal/gen): the whole run and its
// phases. WRANGLINT_BENCH_N picks the size (default 100); the monorepo is
// generated once per size into a temporary folder.

var (
	monoMu   sync.Mutex
	monoDirs = map[int]string{}
)

func monorepoDir(b *testing.B) string {
	b.Helper()
	n := 100
	if s := os.Getenv("WRANGLINT_BENCH_N"); s != "" {
		fmt.Sscan(s, &n)
	}
	monoMu.Lock()
	defer monoMu.Unlock()
	if d, ok := monoDirs[n]; ok {
		return d
	}
	dir, err := os.MkdirTemp("", "wranglint-bench-")
	if err != nil {
		b.Fatal(err)
	}
	dir, _ = filepath.EvalSymlinks(dir)
	if _, err := monorepo.Write(dir, monorepo.Options{Workers: n, Mistakes: 0.1, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	monoDirs[n] = dir
	return dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range monoDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// BenchmarkMonorepoLoad is Load alone: discovery, configs, module graphs,
// scan, references.
func BenchmarkMonorepoLoad(b *testing.B) {
	dir := monorepoDir(b)
	for b.Loop() {
		lint.Load(lint.LoadOptions{Paths: []string{dir}, WorkDir: dir})
	}
}

// BenchmarkMonorepoRules is the rules alone on a loaded project.
func BenchmarkMonorepoRules(b *testing.B) {
	dir := monorepoDir(b)
	p := lint.Load(lint.LoadOptions{Paths: []string{dir}, WorkDir: dir})
	for b.Loop() {
		lint.Run(p, rules.All())
	}
}

// BenchmarkMonorepoPhases reports Load's phases (ms per run) as metrics.
func BenchmarkMonorepoPhases(b *testing.B) {
	dir := monorepoDir(b)
	st := &lint.Stats{}
	n := 0
	for b.Loop() {
		lint.Load(lint.LoadOptions{Paths: []string{dir}, WorkDir: dir, Stats: st})
		n++
	}
	for _, ph := range []string{"discover", "configs", "module graphs", "scan", "model"} {
		_, cpu := st.Phase(ph)
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(n), strings.ReplaceAll(ph, " ", "-")+"-cpu-ms")
	}
	b.ReportMetric(0, "ns/op")
}
