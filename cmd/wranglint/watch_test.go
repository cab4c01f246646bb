package main

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// --watch lints, lints again when a file changes (parsing only that file
// again: the other comes from the cache), and exits 0 on Ctrl-C. The test
// waits on the status line each lint prints, never on time.
func TestWatch(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("sends SIGINT")
	}
	dir := copySample(t)
	cmd := exec.Command(binary, "--watch", "--color", "never")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=", "FORCE_COLOR=", "GITHUB_ACTIONS=")
	stdout, errOut := linesOf(t, cmd.StdoutPipe), linesOf(t, cmd.StderrPipe)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	waitFor(t, stdout, "1 error in 1 file")
	first := waitFor(t, errOut, "first lint")
	if !strings.Contains(first, "watching 2 folders (Ctrl-C to stop)") {
		t.Errorf("first lint: %s", first)
	}
	client := filepath.Join(dir, "src", "client.tsx")
	// new bytes, never cached before (the cache outlives one test)
	fixed := strings.Replace(string(mustRead(t, client)), `"coderagent"`, `"CoderAgent"`, 1) + "// " + time.Now().String() + "\n"
	write(t, dir, "src/client.tsx", fixed)
	waitFor(t, stdout, "no problems found")
	second := waitFor(t, errOut, "src/client.tsx changed")
	if !strings.Contains(second, "1 source files parsed, 1 from the cache") {
		t.Errorf("only the changed file is parsed again: %s", second)
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Ctrl-C ends --watch with exit 0: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("--watch did not end on Ctrl-C")
	}
}

// linesOf reads a pipe of the process line by line.
func linesOf(t *testing.T, pipe func() (io.ReadCloser, error)) <-chan string {
	t.Helper()
	r, err := pipe()
	if err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	return lines
}

// waitFor reads lines until one contains want, and returns it; the
// deadline only turns a hang into a failure.
func waitFor(t *testing.T, lines <-chan string, want string) string {
	t.Helper()
	deadline := time.After(30 * time.Second)
	var seen []string
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("the output ended before %q:\n%s", want, strings.Join(seen, "\n"))
			}
			if strings.Contains(l, want) {
				return l
			}
			seen = append(seen, l)
		case <-deadline:
			t.Fatalf("no line with %q:\n%s", want, strings.Join(seen, "\n"))
		}
	}
}

func TestRoutesCommand(t *testing.T) {
	for _, format := range []string{"text", "json", "mermaid", "dot"} {
		out, errOut, code := runBinary(t, sample, "routes", "--format", format)
		if code != 0 || !strings.Contains(out, "/agents/coder-agent/") || !strings.Contains(out, "binding-name-case-mismatch") || errOut != "" {
			t.Errorf("routes --format %s: exit %d\n%s%s", format, code, out, errOut)
		}
	}
	if _, errOut, code := runBinary(t, sample, "routes", "--format", "svg"); code != 2 || !strings.Contains(errOut, `unknown routes --format "svg" (use text, json, mermaid, dot)`) {
		t.Errorf("a bad format: exit %d %q", code, errOut)
	}
	out, errOut, code := runBinary(t, "../../testdata/cases/syntax-jsonc", "routes")
	if code != 2 || !strings.Contains(errOut, "[syntax-error]") || !strings.Contains(out, "no Worker found") {
		t.Errorf("a config that does not parse: the map of the rest, the problem on stderr, exit 2: %d\n%s%s", code, out, errOut)
	}
}

// TestRoutesColour: `routes --color` chooses as the lint does; the text map
// alone is coloured, never the formats tools read.
func TestRoutesColour(t *testing.T) {
	coloured := func(s string) bool { return strings.Contains(s, "\x1b[") }
	out, errOut, code := runBinary(t, sample, "routes", "--color=always")
	if code != 0 || !coloured(out) || !strings.Contains(out, "\x1b[1mWorker ") || !strings.Contains(out, "binding-name-case-mismatch]") {
		t.Errorf("--color=always colours the text map: exit %d\n%q%s", code, out, errOut)
	}
	for _, args := range [][]string{{"routes"}, {"routes", "--color=auto"}, {"routes", "--color=never"}} {
		if out, _, code := runBinary(t, sample, args...); code != 0 || coloured(out) {
			t.Errorf("%v into a pipe: plain text, exit %d\n%q", args, code, out)
		}
	}
	for _, format := range []string{"json", "mermaid", "dot"} {
		if out, _, _ := runBinary(t, sample, "routes", "--color=always", "--format", format); coloured(out) {
			t.Errorf("--format %s is never coloured:\n%q", format, out)
		}
	}
	if out, _, _ := runWithEnv(t, sample, []string{"FORCE_COLOR=1"}, "routes"); !coloured(out) {
		t.Error("FORCE_COLOR=1 colours the map")
	}
	if out, _, _ := runWithEnv(t, sample, []string{"FORCE_COLOR=0"}, "routes", "--color=auto"); coloured(out) {
		t.Error("FORCE_COLOR=0 does not colour the map")
	}
	if out, _, _ := runWithEnv(t, sample, []string{"NO_COLOR=1"}, "routes", "--color=always"); !coloured(out) {
		t.Error("--color=always wins over NO_COLOR")
	}
	_, errOut, code = runWithEnv(t, "../../testdata/cases/syntax-jsonc", []string{"FORCE_COLOR=1"}, "routes")
	if code != 2 || !strings.Contains(errOut, "\x1b[") || !strings.Contains(errOut, "[syntax-error]") {
		t.Errorf("the problems on stderr are coloured too: exit %d %q", code, errOut)
	}
	if _, errOut, code := runBinary(t, sample, "routes", "--color=sometimes"); code != 2 || !strings.Contains(errOut, `unknown --color "sometimes" (use auto, always or never)`) {
		t.Errorf("a bad --color: exit %d %q", code, errOut)
	}
}
