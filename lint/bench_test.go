package lint

import (
	"os"
	"testing"
)

func benchParse(b *testing.B, path string, parse func(*File) (*Node, error)) {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parse(NewFile(path, path, data)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseJSONC(b *testing.B) {
	benchParse(b, "../testdata/bench/agents-app/wrangler.jsonc", ParseJSONC)
}

func BenchmarkParseTOML(b *testing.B) {
	benchParse(b, "../testdata/cases/case-mismatch-toml/wrangler.toml", ParseTOML)
}

func BenchmarkScanClient(b *testing.B) {
	data, err := os.ReadFile("../testdata/bench/agents-app/src/app.tsx")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		ScanSource(NewFile("/app.tsx", "app.tsx", data))
	}
}

func BenchmarkNamespace(b *testing.B) {
	for b.Loop() {
		Namespace("MyAIChatAgent_V2", EraCurrent)
	}
}
