package sdk

import "testing"

func BenchmarkNamespace(b *testing.B) {
	for b.Loop() {
		Namespace("MyAIChatAgent_V2", EraCurrent)
	}
}
