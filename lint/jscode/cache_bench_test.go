package jscode

import (
	"os"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

// BenchmarkScanCached is a scan answered by the cache (hash, read,
// decode), to compare with BenchmarkScanClient (a fresh scan).
func BenchmarkScanCached(b *testing.B) {
	data, err := os.ReadFile("../../testdata/bench/agents-app/src/app.tsx")
	if err != nil {
		b.Fatal(err)
	}
	f := source.NewFile("/app.tsx", "app.tsx", data)
	c := OpenCache(b.TempDir(), "bench")
	c.Scan(f, true)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, hit := c.Scan(f, true); !hit {
			b.Fatal("miss")
		}
	}
}
