package wrangler

import (
	"os"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

func benchParse(b *testing.B, path string, parse func(*source.File) (*Node, error)) {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parse(source.NewFile(path, path, data)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseJSONC(b *testing.B) {
	benchParse(b, "../../testdata/bench/agents-app/wrangler.jsonc", ParseJSONC)
}

func BenchmarkParseTOML(b *testing.B) {
	benchParse(b, "../../testdata/cases/case-mismatch-toml/wrangler.toml", ParseTOML)
}
