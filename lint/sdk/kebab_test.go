package sdk

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNamespaceVectors checks every vector the SDK's own function produced.
func TestNamespaceVectors(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "spec", "agents-name-vectors.tsv")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("no spec vectors beside the project: %v", err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) < 2 {
		t.Fatal("empty vector file")
	}
	eras := map[string]Era{"current": EraCurrent, "kebab_v1": EraKebabV1, "lowercase_v0": EraLowercase}
	header := strings.Split(lines[0], "\t")
	checked := 0
	for _, line := range lines[1:] {
		cols := strings.Split(line, "\t")
		if len(cols) != len(header) {
			t.Fatalf("malformed vector line %q", line)
		}
		for i, col := range header[1:] {
			era, ok := eras[col]
			if !ok {
				t.Fatalf("unknown era column %q", col)
			}
			if got := Namespace(cols[0], era); got != cols[i+1] {
				t.Errorf("Namespace(%q, %s) = %q, want %q", cols[0], col, got, cols[i+1])
			}
			checked++
		}
	}
	if checked < 3*40 {
		t.Fatalf("checked only %d vectors", checked)
	}
}

// The vectors must not depend on shared/ being present: the core cases
// are also pinned here.
func TestNamespaceCore(t *testing.T) {
	cases := []struct {
		in   string
		era  Era
		want string
	}{
		{"CoderAgent", EraCurrent, "coder-agent"},
		{"coderagent", EraCurrent, "coderagent"},
		{"CODER_AGENT", EraCurrent, "coder-agent"},
		{"Agent__", EraCurrent, "agent-"},
		{"_", EraCurrent, ""},
		{"ÜBER", EraKebabV1, "Ü-b-e-r"},
		{"CoderAgent", EraLowercase, "coderagent"},
		{"CoderAgent", EraVerbatim, "CoderAgent"},
	}
	for _, c := range cases {
		if got := Namespace(c.in, c.era); got != c.want {
			t.Errorf("Namespace(%q, %v) = %q, want %q", c.in, c.era, got, c.want)
		}
	}
}

func TestLooseAndIdentifier(t *testing.T) {
	if Loose("Coder_Agent") != Loose("coder-agent") || Loose("coderagent") != "coderagent" {
		t.Error("Loose must fold case and separators")
	}
	for s, want := range map[string]bool{"CoderAgent": true, "_x$1": true, "my-kv": false, "1a": false, "": false} {
		if IsIdentifier(s) != want {
			t.Errorf("IsIdentifier(%q) != %v", s, want)
		}
	}
}
