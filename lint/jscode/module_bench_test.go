//go:build unix

package jscode

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/wranglint/wranglint/internal/gen/monorepo"
	"github.com/wranglint/wranglint/lint/resolve"
	"github.com/wranglint/wranglint/lint/source"
)

// BenchmarkModuleGraphs builds the module graphs of a generated monorepo
// (WRANGLINT_BENCH_N Workers, default 200) four ways:
//
//   - esbuild: esbuild's bundler, 50 entries per call (the old way);
//   - scan+graph: LoadModules, which reads and scans every script of the
//     graphs (Transform, parse, facts) and assembles them;
//   - resolve+graph: the graphs from facts already scanned (the loader
//     scans each file once for its facts anyway): resolution, with every
//     folder listed and every config read through a new file set, and
//     assembly;
//   - graph: assembly alone, resolutions cached.
//
// CPU-ms/Worker is the process's CPU time per Worker: on a shared machine
// it says more than wall time.
func BenchmarkModuleGraphs(b *testing.B) {
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
	// Facts scanned once, as the loader has them.
	scanned := map[string]*SourceFacts{}
	var mu sync.Mutex
	ScanGraphs(resolve.New(source.NewFileSet(dir, nil, nil)), reqs, func(path string) (*SourceFacts, error) {
		f, err := source.ReadRegular(path, source.MaxFileSize)
		if err != nil {
			return nil, err
		}
		sf := ScanSource(source.NewFile(path, path, f))
		mu.Lock()
		scanned[path] = sf
		mu.Unlock()
		return sf, nil
	})
	lookup := func(path string) (*SourceFacts, error) { return scanned[path], nil }
	check := func(b *testing.B, mods []*Module) {
		for _, m := range mods {
			if !m.Built {
				b.Fatal(m.Main, m.Problems)
			}
		}
	}
	run := func(name string, f func() []*Module) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			cpu := processCPU()
			for b.Loop() {
				check(b, f())
			}
			b.ReportMetric(float64((processCPU()-cpu).Microseconds())/1000/float64(b.N*len(reqs)), "CPU-ms/Worker")
		})
	}
	run("esbuild", func() []*Module { return esbuildLoadModules(reqs, source.NewFileSet(dir, nil, nil)) })
	run("scan+graph", func() []*Module { return LoadModules(reqs, source.NewFileSet(dir, nil, nil)) })
	build := func(r *resolve.Resolver) []*Module {
		facts := ScanGraphs(r, reqs, lookup)
		out := make([]*Module, len(reqs))
		source.Parallel(len(reqs), func(i int) { out[i] = BuildGraph(r, reqs[i], facts) })
		return out
	}
	run("resolve+graph", func() []*Module { return build(resolve.New(source.NewFileSet(dir, nil, nil))) })
	warm := resolve.New(source.NewFileSet(dir, nil, nil))
	build(warm)
	run("graph", func() []*Module { return build(warm) })
}

// processCPU is the CPU time the process used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
