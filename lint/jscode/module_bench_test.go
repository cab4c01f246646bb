//go:build unix

package jscode

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/wranglint/wranglint/internal/gen/monorepo"
	"github.com/wranglint/wranglint/lint/source"
)

// BenchmarkLoadModules builds the module graphs of a generated monorepo
// (WRANGLINT_BENCH_N Workers, default 200) with several entries per
// esbuild call: the chunk size was chosen from this.
func BenchmarkLoadModules(b *testing.B) {
	n := 200
	if s := os.Getenv("WRANGLINT_BENCH_N"); s != "" {
		fmt.Sscan(s, &n)
	}
	dir := b.TempDir()
	if _, err := monorepo.Write(dir, monorepo.Options{Workers: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	var reqs []ModuleRequest
	ws, _ := filepath.Glob(filepath.Join(dir, "workers", "*"))
	for _, w := range ws {
		reqs = append(reqs, ModuleRequest{Main: filepath.Join(w, "src", "index.ts"), ProjectDir: w})
	}
	defer func(old int) { chunkSize = old }(chunkSize)
	for _, size := range []int{1, 10, 25, 50, 100, 400} {
		b.Run(fmt.Sprintf("chunk=%d", size), func(b *testing.B) {
			chunkSize = size
			b.ReportAllocs()
			cpu := processCPU()
			for b.Loop() {
				for _, m := range LoadModules(reqs, source.NewFileSet(dir, nil, nil)) {
					if !m.Built {
						b.Fatal(m.Main, m.Problems)
					}
				}
			}
			b.ReportMetric(float64((processCPU()-cpu).Microseconds())/1000/float64(b.N*len(reqs)), "CPU-ms/Worker")
		})
	}
}

// processCPU is the CPU time the process used: on a shared machine it
// says more than wall time.
func processCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
