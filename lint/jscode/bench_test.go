package jscode

import (
	"os"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

func BenchmarkScanClient(b *testing.B) {
	data, err := os.ReadFile("../../testdata/bench/agents-app/src/app.tsx")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		ScanSource(source.NewFile("/app.tsx", "app.tsx", data))
	}
}
