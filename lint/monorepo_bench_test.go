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
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/rules"
)

// Benchmarks on generated monorepos (internal/gen): a whole run, cold and
// warm, with the CPU time of each phase per Worker as metrics (CPU time,
// since wall time on a shared machine says little). WRANGLINT_BENCH_N picks
// the size (default 100); each size is generated once.
//
//	WRANGLINT_BENCH_N=1000 go test ./lint -run XXX -bench Monorepo -benchtime 3x

var (
	monoMu   sync.Mutex
	monoDirs = map[int]string{}
)

func benchN() int {
	n := 100
	if s := os.Getenv("WRANGLINT_BENCH_N"); s != "" {
		fmt.Sscan(s, &n)
	}
	return n
}

func monorepoDir(b *testing.B) string {
	b.Helper()
	n := benchN()
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
	source.PanicOnLateRead = true
	code := m.Run()
	for _, d := range monoDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

var phases = []string{"discover", "configs", "module graphs", "scan", "model", "rules"}

// benchRun lints dir b.N times with the cache given (nil: cold) and
// reports the CPU time per Worker of each phase.
func benchRun(b *testing.B, cache *jscode.Cache) {
	dir := monorepoDir(b)
	st := &project.Stats{}
	for b.Loop() {
		p := project.Load(project.LoadOptions{Paths: []string{dir}, WorkDir: dir, Stats: st, Cache: cache})
		lint.Run(p, rules.All(), lint.DefaultOptions())
		st.Mark("rules")
	}
	perWorker := float64(b.N * benchN())
	var total float64
	for _, ph := range phases {
		_, cpu := st.Phase(ph)
		ms := float64(cpu.Microseconds()) / 1000 / perWorker
		total += ms
		b.ReportMetric(ms, strings.ReplaceAll(ph, " ", "-")+"-CPU-ms/Worker")
	}
	b.ReportMetric(total, "CPU-ms/Worker")
}

// BenchmarkMonorepoCold: no cache, every phase.
func BenchmarkMonorepoCold(b *testing.B) { benchRun(b, nil) }

// BenchmarkMonorepoWarm: a second run on an unchanged monorepo, the cache
// filled by a first one.
func BenchmarkMonorepoWarm(b *testing.B) {
	cache := jscode.OpenCache(b.TempDir(), "bench")
	dir := monorepoDir(b)
	project.Load(project.LoadOptions{Paths: []string{dir}, WorkDir: dir, Cache: cache})
	benchRun(b, cache)
}
