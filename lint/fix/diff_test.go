package fix

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

func TestUnifiedDiffShape(t *testing.T) {
	a := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"
	b := "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\n"
	got := UnifiedDiff("a/x", "b/x", []byte(a), []byte(b))
	want := "--- a/x\n+++ b/x\n@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+three\n 4\n 5\n 6\n@@ -8,3 +8,4 @@\n 8\n 9\n 10\n+11\n"
	if got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
	got = UnifiedDiff("a/x", "b/x", []byte("a\nb"), []byte("a\nc"))
	if !strings.Contains(got, "-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n") {
		t.Fatalf("missing final newline marker:\n%s", got)
	}
	if got := UnifiedDiff("a/x", "b/x", nil, []byte("new\n")); !strings.Contains(got, "@@ -0,0 +1 @@\n+new\n") {
		t.Fatalf("insertion into an empty file:\n%s", got)
	}
}

// Every diff must apply with git apply and give exactly the new text.
func TestUnifiedDiffApplies(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed")
	}
	pairs := [][2]string{
		{"a\r\nb\r\nc\r\n", "a\r\nB\r\nc\r\nd\r\n"},
		{"x\n", "x\ny"},
		{"\xEF\xBB\xBF{\n\t// c\n\t\"a\": 1,\n}\n", "\xEF\xBB\xBF{\n\t// c\n\t\"a\": 2,\n\t\"b\": [],\n}\n"},
		{strings.Repeat("l\n", 50) + "end\n", "start\n" + strings.Repeat("l\n", 50)},
	}
	for i, p := range pairs {
		dir := t.TempDir()
		name := filepath.Join(dir, "f.txt")
		must(t, os.WriteFile(name, []byte(p[0]), 0o644))
		patch := UnifiedDiff("a/f.txt", "b/f.txt", []byte(p[0]), []byte(p[1]))
		cmd := exec.Command(git, "apply", "-")
		cmd.Dir = dir
		cmd.Stdin = strings.NewReader(patch)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("pair %d: git apply: %v %s\n%s", i, err, out, patch)
		}
		got, _ := os.ReadFile(name)
		if string(got) != p[1] {
			t.Errorf("pair %d: applied %q, want %q", i, got, p[1])
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// A diff shows secrets masked, in context and changed lines alike (a
// multi-line secret line by line), and escapes control characters.
func TestDiffsMaskAndEscape(t *testing.T) {
	dir := t.TempDir()
	r := fixed(t, dir, "w.toml", "KEY = \"sk-or-v1-0123456789abcdef\"\nPEM = \"\"\"\nMIIEvQIBADANBgkq\n\"\"\"\nx = 1 # \x1b[2J\n",
		"KEY = \"sk-or-v1-0123456789abcdef\"\nPEM = \"\"\"\nMIIEvQIBADANBgkq\n\"\"\"\nx = 2 # \x1b[2J\nCOPY = \"sk-or-v1-0123456789abcdef\"\n", "")
	r.masker = source.NewMasker("sk-or-v1-0123456789abcdef", "\nMIIEvQIBADANBgkq\n")
	d := Diffs(r)[0].Diff
	for _, leak := range []string{"sk-or-v1", "MIIEvQ", "\x1b"} {
		if strings.Contains(d, leak) {
			t.Errorf("the diff shows %q:\n%s", leak, d)
		}
	}
	if !strings.Contains(d, "+COPY = \"*************************\"\n") || !strings.Contains(d, " ****************\n") || !strings.Contains(d, `+x = 2 # \x1b[2J`) {
		t.Errorf("diff:\n%s", d)
	}
}
