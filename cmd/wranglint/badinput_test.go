package main

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// snapshot hashes every file below dir, so a test can prove nothing changed.
func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Type()&fs.ModeType != 0 {
			return nil
		}
		if data, err := os.ReadFile(p); err == nil {
			out[p] = sha256.Sum256(data)
		}
		return nil
	})
	return out
}

// Each bad input: a clear message (with a position where there is one),
// exit 2, and no file changed, with --fix too.
func TestBadInputs(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  string // in stdout+stderr
	}{
		{"invalid JSONC", func(t *testing.T, dir string) {
			write(t, dir, "wrangler.jsonc", "{\n  \"name\": \"x\",\n  \"main\" \"src/index.ts\"\n}\n")
		}, "wrangler.jsonc:3:10: invalid JSONC"},
		{"invalid TOML", func(t *testing.T, dir string) {
			write(t, dir, "wrangler.toml", "name = \"x\"\n[env\n")
		}, "wrangler.toml:2:"},
		{"empty file", func(t *testing.T, dir string) {
			write(t, dir, "wrangler.jsonc", "")
		}, "wrangler.jsonc:1:1: invalid JSONC"},
		{"50 MB config", func(t *testing.T, dir string) {
			write(t, dir, "wrangler.json", "{\"vars\": {\"A\": \""+strings.Repeat("x", 50<<20)+"\"}}")
		}, "too large for a wrangler config"},
		{"100,000 nested arrays", func(t *testing.T, dir string) {
			write(t, dir, "wrangler.jsonc", "{\"a\": "+strings.Repeat("[", 100000)+strings.Repeat("]", 100000)+"}")
		}, "wrangler.jsonc:1:1006: nesting deeper than 1000 levels"},
		{"invalid UTF-8", func(t *testing.T, dir string) {
			write(t, dir, "wrangler.jsonc", "{\n  \"name\": \"caf\xe9\"\n}\n")
		}, "wrangler.jsonc:2:15: invalid UTF-8"},
		{"a folder named wrangler.jsonc", func(t *testing.T, dir string) {
			if err := os.MkdirAll(filepath.Join(dir, "wrangler.jsonc"), 0o755); err != nil {
				t.Fatal(err)
			}
		}, "wrangler.jsonc: is a folder, not a wrangler config file"},
		{"an unreadable file", func(t *testing.T, dir string) {
			// A socket cannot be read, even by root (chmod 000 can).
			l, err := net.Listen("unix", filepath.Join(dir, "wrangler.jsonc"))
			if err != nil {
				t.Skipf("no unix sockets here: %v", err)
			}
			t.Cleanup(func() { l.Close() })
		}, "wrangler.jsonc: "},
		{"a FIFO as the config", func(t *testing.T, dir string) {
			if err := mkfifo(filepath.Join(dir, "wrangler.jsonc")); err != nil {
				t.Skip(err)
			}
		}, "wrangler.jsonc: not a regular file"},
		{"a config linked to /dev/zero", func(t *testing.T, dir string) {
			if _, err := os.Stat("/dev/zero"); err != nil {
				t.Skip(err)
			}
			must(t, os.Symlink("/dev/zero", filepath.Join(dir, "wrangler.jsonc")))
		}, "wrangler.jsonc: not a regular file"},
		{"a FIFO imported by main", func(t *testing.T, dir string) {
			write(t, dir, "wrangler.jsonc", `{"name": "x", "compatibility_date": "2025-01-01", "main": "src/index.ts"}`)
			write(t, dir, "src/index.ts", "import x from \"./fifo.js\";\nexport default { fetch: () => new Response(String(x)) };\n")
			if err := mkfifo(filepath.Join(dir, "src", "fifo.js")); err != nil {
				t.Skip(err)
			}
		}, "src/index.ts:1:15: cannot parse: src/fifo.js: not a regular file"},
		{"300,000 nested parentheses in main", func(t *testing.T, dir string) {
			write(t, dir, "wrangler.jsonc", `{"name": "x", "compatibility_date": "2025-01-01", "main": "src/index.ts"}`)
			write(t, dir, "src/index.ts", "export default "+strings.Repeat("(", 300000)+"1"+strings.Repeat(")", 300000)+";\n")
		}, "src/index.ts:1:1016: cannot parse: nesting deeper than 1000 levels"},
		{"300,000 nested parentheses in a client", func(t *testing.T, dir string) {
			write(t, dir, "wrangler.jsonc", `{"name": "x", "compatibility_date": "2025-01-01"}`)
			write(t, dir, "src/client.tsx", "import { useAgent } from \"agents/react\";\nexport const x = "+strings.Repeat("(", 300000)+"1"+strings.Repeat(")", 300000)+";\n")
		}, "src/client.tsx:2:1018: cannot parse: nesting deeper than 1000 levels"},
		{"a symlink loop", func(t *testing.T, dir string) {
			write(t, dir, "a/wrangler.jsonc", "{\"name\": \"ok\", \"compatibility_date\": \"2025-01-01\"}")
			must(t, os.Symlink(dir, filepath.Join(dir, "a", "loop")))
			must(t, os.Symlink("wrangler.toml", filepath.Join(dir, "wrangler.toml")))
		}, "wrangler.toml: too many levels of symbolic links"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			c.setup(t, dir)
			before := snapshot(t, dir)
			for _, args := range [][]string{{"--color", "never", "."}, {"--fix", "--unsafe-fixes", "--color", "never", "."}} {
				out, errOut, code := runLimited(t, dir, args...)
				if code != 2 {
					t.Errorf("%v: exit %d, want 2\n%s%s", args, code, out, errOut)
				}
				if all := out + errOut; !strings.Contains(all, c.want) {
					t.Errorf("%v: output lacks %q:\n%s", args, c.want, all)
				} else if strings.Contains(all, "goroutine ") || strings.Contains(all, "panic") || strings.Contains(all, "fatal error") {
					t.Errorf("%v: a crash:\n%s", args, all)
				}
			}
			after := snapshot(t, dir)
			if len(after) != len(before) {
				t.Fatalf("files appeared or vanished: %d -> %d", len(before), len(after))
			}
			for p, h := range before {
				if after[p] != h {
					t.Errorf("%s changed", p)
				}
			}
		})
	}
}

// A file that cannot be written is reported and nothing is half-written.
func TestFixReadOnly(t *testing.T) {
	dir, _ := copyFixture(t, "client-literal")
	client := filepath.Join(dir, "src", "client.tsx")
	must(t, os.Chmod(client, 0o444))
	before := snapshot(t, dir)
	out, errOut, code := runBinary(t, dir, "--fix", "--color", "never")
	if code != 2 || !strings.Contains(errOut, "is read-only; nothing was written") {
		t.Errorf("exit %d:\n%s%s", code, out, errOut)
	}
	for p, h := range snapshot(t, dir) {
		if before[p] != h {
			t.Errorf("%s changed", p)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "src"))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".wranglint-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestFixWritesAndReports(t *testing.T) {
	dir, src := copyFixture(t, "client-literal")
	server := filepath.Join(dir, "src", "server.ts")
	info, _ := os.Stat(server)
	out, _, code := runBinary(t, dir, "--diff", "--color", "never")
	if code != 1 || !strings.Contains(out, "--- a/src/client.tsx\n+++ b/src/client.tsx\n") {
		t.Errorf("--diff: exit %d\n%s", code, out)
	}
	out, errOut, code := runBinary(t, dir, "--fix", "--color", "never")
	if code != 0 || !strings.Contains(errOut, "fixed 1 finding(s) in 1 file(s)") || !strings.Contains(out, "no problems found") {
		t.Errorf("--fix: exit %d\n%s%s", code, out, errOut)
	}
	if after, _ := os.Stat(server); !after.ModTime().Equal(info.ModTime()) {
		t.Error("an unchanged file was rewritten")
	}
	if out, _, code := runBinary(t, dir, "--diff"); code != 0 || out != "" {
		t.Errorf("--diff after --fix: exit %d %q", code, out)
	}
	// pre-commit: changing a file is a failure with --exit-non-zero-on-fix
	write(t, dir, "src/client.tsx", string(mustRead(t, filepath.Join(src, "src/client.tsx")))) // undo the fix
	if _, _, code := runBinary(t, dir, "--fix", "--exit-non-zero-on-fix"); code != 1 {
		t.Errorf("--exit-non-zero-on-fix: exit %d", code)
	}
	if _, errOut, code := runBinary(t, dir, "--fix", "--diff"); code != 2 || !strings.Contains(errOut, "do not go together") {
		t.Errorf("--fix --diff: %d %s", code, errOut)
	}
	// --fix --format json reports what remains as JSON on stdout.
	write(t, dir, "src/client.tsx", string(mustRead(t, filepath.Join(src, "src/client.tsx"))))
	out, _, code = runBinary(t, dir, "--fix", "--format", "json")
	var rep struct {
		Diagnostics []any `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 0 || len(rep.Diagnostics) != 0 {
		t.Errorf("--fix --format json: exit %d, %v\n%s", code, err, out)
	}
}

// copyFixture copies testdata/fix/<name>/before into a temporary folder.
func copyFixture(t *testing.T, name string) (dir, src string) {
	t.Helper()
	dir = t.TempDir()
	src, _ = filepath.Abs("../../testdata/fix/" + name + "/before")
	filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(src, p)
			write(t, dir, rel, string(mustRead(t, p)))
		}
		return nil
	})
	return dir, src
}

func write(t *testing.T, dir, rel, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	must(t, os.MkdirAll(filepath.Dir(p), 0o755))
	must(t, os.WriteFile(p, []byte(data), 0o644))
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(p)
	must(t, err)
	return data
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// jsonReport is what --format json prints; diffs only with --diff.
type jsonReport struct {
	Diagnostics []struct {
		Rule, File, Message string
	} `json:"diagnostics"`
	Diffs []struct {
		File, Diff string
	} `json:"diffs"`
}

// --format json prints one JSON document whatever happens, load and
// write failures included (as syntax-error and io-error findings).
func TestJSONInEveryOutcome(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, dir string)
		args  []string
		code  int
		rule  string // a finding with this rule must be reported
	}{
		{"missing path", func(t *testing.T, dir string) {}, []string{"nope"}, 2, "io-error"},
		{"no config", func(t *testing.T, dir string) {}, nil, 2, "io-error"},
		{"oversized config", func(t *testing.T, dir string) {
			write(t, dir, "wrangler.json", "{\"vars\": {\"A\": \""+strings.Repeat("x", 5<<20)+"\"}}")
		}, nil, 2, "io-error"},
		{"syntax error", func(t *testing.T, dir string) {
			write(t, dir, "wrangler.jsonc", "{\"name\": \"x\" \"main\": 1}")
		}, nil, 2, "syntax-error"},
		{"syntax error with --fix", func(t *testing.T, dir string) {
			write(t, dir, "wrangler.jsonc", "{\"name\": \"x\" \"main\": 1}")
		}, []string{"--fix"}, 2, "syntax-error"},
		{"a write that fails", func(t *testing.T, dir string) {
			copyInto(t, dir, "client-literal")
			must(t, os.Chmod(filepath.Join(dir, "src", "client.tsx"), 0o444))
		}, []string{"--fix"}, 2, "io-error"},
		{"--diff", func(t *testing.T, dir string) { copyInto(t, dir, "client-literal") }, []string{"--diff"}, 1, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			c.setup(t, dir)
			out, errOut, code := runBinary(t, dir, append([]string{"--format", "json"}, c.args...)...)
			var rep jsonReport
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatalf("not JSON (%v), exit %d:\n%s\nstderr: %s", err, code, out, errOut)
			}
			if code != c.code {
				t.Errorf("exit %d, want %d\n%s", code, c.code, out)
			}
			found := c.rule == ""
			for _, d := range rep.Diagnostics {
				found = found || d.Rule == c.rule && d.Message != ""
			}
			if !found {
				t.Errorf("no %s finding:\n%s", c.rule, out)
			}
			if c.name == "--diff" && (len(rep.Diffs) != 1 || rep.Diffs[0].File != "src/client.tsx" || !strings.Contains(rep.Diffs[0].Diff, "+++ b/src/client.tsx")) {
				t.Errorf("the diff is a JSON field per file:\n%s", out)
			}
		})
	}
}

// Exit code 2 means wranglint could not do its job: the text output must
// not claim the project is clean.
func TestTextNeverCleanOnExit2(t *testing.T) {
	for name, setup := range map[string]func(dir string){
		"missing path":     func(dir string) {},
		"oversized config": func(dir string) { write(t, dir, "wrangler.json", "{\"a\": \""+strings.Repeat("x", 5<<20)+"\"}") },
		"fifo config": func(dir string) {
			if err := mkfifo(filepath.Join(dir, "wrangler.jsonc")); err != nil {
				t.Skip(err)
			}
		},
	} {
		dir := t.TempDir()
		setup(dir)
		args := []string{"--color", "never"}
		if name == "missing path" {
			args = append(args, "nope")
		}
		for _, extra := range [][]string{nil, {"--fix"}} {
			out, errOut, code := runBinary(t, dir, append(args, extra...)...)
			if code != 2 || strings.Contains(out, "no problems found") || !strings.Contains(out, "[io-error]") {
				t.Errorf("%s %v: exit %d\n%s%s", name, extra, code, out, errOut)
			}
		}
	}
}

// route on a config that does not parse says why it cannot answer.
func TestRouteSaysSyntaxError(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "wrangler.jsonc", "{\n  \"name\": \"x\"\n  \"main\": 1\n}\n")
	out, errOut, code := runBinary(t, dir, "route", "/agents/a/b")
	if code != 2 || !strings.Contains(out+errOut, "wrangler.jsonc:3:3: invalid JSONC") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
}

// copyInto copies testdata/fix/<name>/before into dir.
func copyInto(t *testing.T, dir, name string) {
	t.Helper()
	src, _ := filepath.Abs("../../testdata/fix/" + name + "/before")
	filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(src, p)
			write(t, dir, rel, string(mustRead(t, p)))
		}
		return nil
	})
}

// runLimited is runBinary with a deadline, for inputs that once hung:
// a hang fails the test instead of stalling the suite. The limit is far
// above the time these runs take.
func runLimited(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=", "FORCE_COLOR=")
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%v did not end within a minute", args)
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

// Inputs that once hung or took minutes end with a normal result.
func TestHostileInputsEnd(t *testing.T) {
	config := `{"name": "x", "compatibility_date": "2025-01-01", "main": "src/index.ts"}`
	index := "export default { fetch: () => new Response(\"x\") };\n"
	cases := map[string]func(t *testing.T, dir string){
		"a FIFO as .gitignore": func(t *testing.T, dir string) {
			if err := mkfifo(filepath.Join(dir, ".gitignore")); err != nil {
				t.Skip(err)
			}
		},
		"a .gitignore linked to /dev/zero": func(t *testing.T, dir string) {
			must(t, os.Symlink("/dev/zero", filepath.Join(dir, ".gitignore")))
		},
		"a FIFO as package.json": func(t *testing.T, dir string) {
			if err := mkfifo(filepath.Join(dir, "package.json")); err != nil {
				t.Skip(err)
			}
		},
		"a minified 800 KB client on one line": func(t *testing.T, dir string) {
			var b strings.Builder
			b.WriteString(`import{useAgent as u}from"agents/react";`)
			for i := 0; b.Len() < 800<<10; i++ {
				fmt.Fprintf(&b, `export function f%d(){const é="x%d";return u({agent:"a%d"})+fetch("/agents/b%d/x")}`, i, i, i, i)
			}
			write(t, dir, "src/client.js", b.String())
		},
	}
	for name, setup := range cases {
		t.Run(name, func(t *testing.T) {
			if runtime.GOOS == "windows" {
				t.Skip("FIFOs and /dev/zero")
			}
			dir := t.TempDir()
			write(t, dir, "wrangler.jsonc", config)
			write(t, dir, "src/index.ts", index)
			setup(t, dir)
			out, errOut, code := runLimited(t, dir, "--color", "never")
			if code != 0 || !strings.Contains(out, "no problems found") {
				t.Errorf("exit %d\n%s%s", code, out, errOut)
			}
		})
	}
}
