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

	"github.com/wranglint/wranglint/lint/source"
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
		}, "wrangler.jsonc:3:10: error: invalid JSONC"},
		{"invalid TOML", func(t *testing.T, dir string) {
			write(t, dir, "wrangler.toml", "name = \"x\"\n[env\n")
		}, "wrangler.toml:2:"},
		{"empty file", func(t *testing.T, dir string) {
			write(t, dir, "wrangler.jsonc", "")
		}, "wrangler.jsonc:1:1: error: invalid JSONC"},
		{"50 MB config", func(t *testing.T, dir string) {
			write(t, dir, "wrangler.json", "{\"vars\": {\"A\": \""+strings.Repeat("x", 50<<20)+"\"}}")
		}, "too large for a wrangler config"},
		{"100,000 nested arrays", func(t *testing.T, dir string) {
			write(t, dir, "wrangler.jsonc", "{\"a\": "+strings.Repeat("[", 100000)+strings.Repeat("]", 100000)+"}")
		}, "wrangler.jsonc:1:1006: error: nesting deeper than 1000 levels"},
		{"invalid UTF-8", func(t *testing.T, dir string) {
			write(t, dir, "wrangler.jsonc", "{\n  \"name\": \"caf\xe9\"\n}\n")
		}, "wrangler.jsonc:2:15: error: invalid UTF-8"},
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
		}, "wrangler.jsonc: error: not a regular file"},
		{"a config linked to /dev/zero", func(t *testing.T, dir string) {
			if _, err := os.Stat("/dev/zero"); err != nil {
				t.Skip(err)
			}
			must(t, os.Symlink("/dev/zero", filepath.Join(dir, "wrangler.jsonc")))
		}, "wrangler.jsonc: error: not a regular file"},
		{"a FIFO imported by main", func(t *testing.T, dir string) {
			write(t, dir, "wrangler.jsonc", `{"name": "x", "compatibility_date": "2025-01-01", "main": "src/index.ts"}`)
			write(t, dir, "src/index.ts", "import x from \"./fifo.js\";\nexport default { fetch: () => new Response(String(x)) };\n")
			if err := mkfifo(filepath.Join(dir, "src", "fifo.js")); err != nil {
				t.Skip(err)
			}
		}, "src/index.ts:1:15: error: cannot parse: src/fifo.js: not a regular file"},
		{"300,000 nested parentheses in main", func(t *testing.T, dir string) {
			write(t, dir, "wrangler.jsonc", `{"name": "x", "compatibility_date": "2025-01-01", "main": "src/index.ts"}`)
			write(t, dir, "src/index.ts", "export default "+strings.Repeat("(", 300000)+"1"+strings.Repeat(")", 300000)+";\n")
		}, "src/index.ts:1:1016: error: cannot parse: nesting deeper than 1000 levels"},
		{"300,000 nested parentheses in a module main imports", func(t *testing.T, dir string) {
			// (outside every module graph, a file that does not parse is only
			// listed by --verbose: TestUnparsedClientIsSkippedNotReported)
			write(t, dir, "wrangler.jsonc", `{"name": "x", "compatibility_date": "2025-01-01", "main": "src/index.ts"}`)
			write(t, dir, "src/index.ts", "import { x } from \"./client\";\nexport default { fetch: () => new Response(String(x)) };\n")
			write(t, dir, "src/client.tsx", "import { useAgent } from \"agents/react\";\nexport const x = "+strings.Repeat("(", 300000)+"1"+strings.Repeat(")", 300000)+";\n")
		}, "src/client.tsx:2:1018: error: cannot parse: nesting deeper than 1000 levels"},
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
	if code != 2 || !strings.Contains(out, "is read-only; nothing was written") || strings.Contains(errOut, "read-only") {
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
	if code != 0 || !strings.Contains(errOut, "fixed 1 finding in 1 file (1 before, 0 remaining)") || !strings.Contains(out, "no problems found") {
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
	if code != 2 || !strings.Contains(out+errOut, "wrangler.jsonc:3:3: error: invalid JSONC") {
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

// secretProject holds every kind of credential, at the top level and in
// an environment, in JSONC and TOML (a PEM key in a multi-line string),
// each with a finding on its line and safe fixes within diff context.
var secretProject = map[string]string{
	"a/wrangler.jsonc": `{
  "name": "secrets",
  "main": "src/index.ts",
  "vars": {
    "OPENAI_API_KEY": "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz012345",
    "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCY+EXAMPLEKE",
    "PRIVATE_KEY": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n"
  },
  "compatibility_date": "2025–10–01",
  "env": {
    "staging": {
      "vars": {
        "OPENROUTER_API_KEY": "sk-or-v1-0123456789abcdef0123456789abcdef",
        "SESSION_JWT": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
      },
      "compatibility_date": "2025–10–02"
    }
  }
}
`,
	"b/wrangler.toml": `name = "secrets-toml"
main = "src/index.ts"
compatibility_date = "2025–10–01"

[vars]
GITHUB_TOKEN = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
PRIVATE_KEY = """
-----BEGIN RSA PRIVATE KEY-----
MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu
KUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQJAIJLixBy2qpFoS4DSmoEm
-----END RSA PRIVATE KEY-----"""
[env.staging]
compatibility_date = "2025–10–02"

[env.staging.vars]
STRIPE_SECRET_KEY = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'
DB_PASSWORD = "hunter2hunter2"
`,
	"a/src/index.ts": "export default { fetch: () => new Response(\"x\") };\n",
	"b/src/index.ts": "export default { fetch: () => new Response(\"x\") };\n",
	// Syntax errors on a secret's line.
	"c/wrangler.jsonc": "{\"vars\": {\"OPENROUTER_API_KEY\": \"sk-or-v1-fedcba9876543210fedcba9876543210\" \"X\": 1}}\n",
	"d/wrangler.toml":  "name = \"d\"\nGITHUB_TOKEN = \"ghp_zyxwvutsrqponmlkjihgfedcba9876543210\" x\n",
}

// secretValues are the credentials of secretProject.
var secretValues = []string{
	"sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz012345", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCY+EXAMPLEKE",
	"MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7", "sk-or-v1-0123456789abcdef0123456789abcdef",
	"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
	"ghp_abcdefghijklmnopqrstuvwxyz0123456789", "MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu",
	"KUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQJAIJLixBy2qpFoS4DSmoEm", "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
	"hunter2hunter2", "sk-or-v1-fedcba9876543210fedcba9876543210", "ghp_zyxwvutsrqponmlkjihgfedcba9876543210",
}

// leaked reports the first secret (or a 12-character piece of one) in out.
func leaked(out string) string {
	for _, v := range secretValues {
		for i := 0; i+12 <= len(v); i++ {
			if strings.Contains(out, v[i:i+12]) {
				return v[i : i+12]
			}
		}
	}
	return ""
}

// No command prints a credential from a config: not in excerpts, diffs,
// messages or any format, not when a fix is applied next to it, not in
// the excerpt of a syntax error.
func TestSecretsNeverPrinted(t *testing.T) {
	setup := func(t *testing.T) string {
		dir := t.TempDir()
		for rel, data := range secretProject {
			write(t, dir, rel, data)
		}
		return dir
	}
	dir := setup(t)
	runs := [][]string{
		{"a", "b"}, {"--format", "json", "a", "b"}, {"--diff", "a", "b"}, {"--diff", "--format", "json", "a", "b"},
		{"--diff", "--unsafe-fixes", "a", "b"}, {"--explain-versions", "a", "b"}, {"route", "/agents/x/y", "a", "b"},
		{"c"}, {"d"}, {"--format", "json", "c", "d"}, {"route", "/agents/x/y", "c"}, {"--fix", "c", "d"}, {"--diff", "c", "d"},
	}
	seen := map[string]bool{}
	for _, args := range runs {
		out, errOut, code := runBinary(t, dir, append([]string{"--color", "never"}, args...)...)
		if piece := leaked(out + errOut); piece != "" {
			t.Errorf("%v prints %q:\n%s%s", args, piece, out, errOut)
		}
		if code == 0 {
			t.Errorf("%v: exit 0", args)
		}
		seen[strings.Join(args, " ")] = strings.Contains(out, "****")
	}
	for _, want := range []string{"a b", "--diff a b", "c", "d"} {
		if !seen[want] {
			t.Errorf("%s: no masked value shown (the test proves nothing)", want)
		}
	}
	for _, args := range [][]string{{"--fix", "a", "b"}, {"--fix", "--unsafe-fixes", "--format", "json", "a", "b"}} {
		dir := setup(t)
		out, errOut, _ := runBinary(t, dir, append([]string{"--color", "never"}, args...)...)
		if piece := leaked(out + errOut); piece != "" {
			t.Errorf("%v prints %q:\n%s%s", args, piece, out, errOut)
		}
		if !strings.Contains(errOut, "fixed 4 findings in 2 files (14 before, 10 remaining)") {
			t.Errorf("%v: the fixes next to the secrets were not applied: %s", args, errOut)
		}
	}
}

// outsideProject is a Worker in proj whose Durable Object class lives in
// ../outside, reached as kind says; its client asks for "coderagent"
// through a constant, so --unsafe-fixes renames the binding and every
// env.CoderAgent, the one in ../outside/agent.ts too.
func outsideProject(t *testing.T, kind string) (proj, outside string) {
	root := t.TempDir()
	proj, outside = filepath.Join(root, "proj"), filepath.Join(root, "outside")
	write(t, proj, "wrangler.jsonc", `{"name": "x", "main": "src/server.ts", "compatibility_date": "2025-01-01",
 "durable_objects": {"bindings": [{"name": "CoderAgent", "class_name": "CoderAgent"}]},
 "migrations": [{"tag": "v1", "new_sqlite_classes": ["CoderAgent"]}]}`)
	write(t, outside, "agent.ts", "import { Agent } from \"agents\";\nexport class CoderAgent extends Agent<Env> {\n  async onRequest() { return new Response(String(this.env.CoderAgent)); }\n}\n")
	write(t, proj, "src/client.tsx", "import { useAgent } from \"agents/react\";\nexport const AGENT = \"coderagent\";\nexport function Chat() { return useAgent({ agent: AGENT }); }\n")
	spec := map[string]string{"alias": "@shared/agent", "file": "./agent", "folder": "./lib/agent"}[kind]
	switch kind {
	case "alias":
		write(t, proj, "tsconfig.json", `{"compilerOptions": {"paths": {"@shared/*": ["../outside/*"]}}}`)
	case "file":
		must(t, os.Symlink(filepath.Join("..", "..", "outside", "agent.ts"), filepath.Join(proj, "src", "agent.ts")))
	case "folder":
		must(t, os.Symlink(filepath.Join("..", "..", "outside"), filepath.Join(proj, "src", "lib")))
	}
	write(t, proj, "src/server.ts", "import { routeAgentRequest } from \"agents\";\nexport { CoderAgent } from \""+spec+
		"\";\nexport default { async fetch(request: Request, env: Env) { return (await routeAgentRequest(request, env)) ?? new Response(\"x\"); } };\n")
	return proj, outside
}

// --fix writes only regular files inside the folders it is given, links
// resolved; a fix that would write elsewhere is not applied and says so.
func TestFixStaysInside(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links")
	}
	t.Run("main outside", func(t *testing.T) {
		root := t.TempDir()
		proj := filepath.Join(root, "proj")
		write(t, root, "outside/x.ts", "export class X {}\n")
		write(t, root, "outside/y.ts", "import { X } from \"./x\";\nexport default { fetch() { return new Response(String(X)); } };\n")
		write(t, proj, "wrangler.jsonc", `{"name": "x", "compatibility_date": "2025-10-01", "main": "../outside/y.ts",
 "durable_objects": {"bindings": [{"name": "X", "class_name": "X"}]}, "migrations": [{"tag": "v1", "new_sqlite_classes": ["X"]}]}`)
		before := snapshot(t, root)
		_, errOut, code := runBinary(t, proj, "--fix", "--color", "never", ".")
		if code != 1 || !strings.Contains(errOut, "fix not applied: add `export { X } from \"./x\";` to ../outside/y.ts: ../outside/y.ts is outside the folders being linted") {
			t.Errorf("exit %d: %s", code, errOut)
		}
		unchanged(t, before, snapshot(t, root))
	})
	for _, kind := range []string{"alias", "file", "folder"} {
		t.Run("class reached through a "+kind, func(t *testing.T) {
			proj, outside := outsideProject(t, kind)
			before := snapshot(t, outside)
			_, errOut, _ := runBinary(t, proj, "--fix", "--unsafe-fixes", "--color", "never", ".")
			if !strings.Contains(errOut, "fix not applied: rename binding \"CoderAgent\" to \"coderagent\"") || !strings.Contains(errOut, "../outside/agent.ts is outside the folders being linted") {
				t.Errorf("not reported: %s", errOut)
			}
			unchanged(t, before, snapshot(t, outside))
			if data := mustRead(t, filepath.Join(proj, "wrangler.jsonc")); strings.Contains(string(data), "coderagent") {
				t.Error("half of a refused fix was applied")
			}
		})
	}
	t.Run("linked config", func(t *testing.T) {
		root := t.TempDir()
		proj := filepath.Join(root, "proj")
		bad := `{"name": "x", "compatibility_date": "2025–10–01"}`
		write(t, root, "outside/wrangler.jsonc", bad)
		write(t, proj, "conf/target.jsonc", bad)
		must(t, os.Symlink(filepath.Join("..", "outside", "wrangler.jsonc"), filepath.Join(proj, "wrangler.jsonc")))
		before := snapshot(t, filepath.Join(root, "outside"))
		_, errOut, _ := runBinary(t, proj, "--fix", "--color", "never", ".")
		if !strings.Contains(errOut, "fix not applied") || !strings.Contains(errOut, "wrangler.jsonc is outside the folders being linted") {
			t.Errorf("a link to outside: %s", errOut)
		}
		unchanged(t, before, snapshot(t, filepath.Join(root, "outside")))
		isLink(t, filepath.Join(proj, "wrangler.jsonc"))

		must(t, os.Remove(filepath.Join(proj, "wrangler.jsonc")))
		must(t, os.Symlink(filepath.Join("conf", "target.jsonc"), filepath.Join(proj, "wrangler.jsonc")))
		if _, errOut, code := runBinary(t, proj, "--fix", "--color", "never", "."); code != 0 {
			t.Errorf("a link to inside: exit %d %s", code, errOut)
		}
		isLink(t, filepath.Join(proj, "wrangler.jsonc"))
		if got := string(mustRead(t, filepath.Join(proj, "conf", "target.jsonc"))); !strings.Contains(got, `"2025-10-01"`) {
			t.Errorf("not written through the link: %s", got)
		}
	})
}

func unchanged(t *testing.T, before, after map[string][32]byte) {
	t.Helper()
	for p, h := range before {
		if after[p] != h {
			t.Errorf("%s changed", p)
		}
	}
}

func isLink(t *testing.T, path string) {
	t.Helper()
	if info, err := os.Lstat(path); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("%s is no longer a link", path)
	}
}

// --fix keeps a file's mode bits (setuid and setgid too), its owner and
// group where it may (root), and a renamed file's mode.
func TestFixKeepsModeAndOwner(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	dir, _ := copyFixture(t, "client-literal")
	client := filepath.Join(dir, "src", "client.tsx")
	root := os.Getuid() == 0
	if root {
		must(t, os.Chown(client, 12345, 23456))
	}
	mode := os.FileMode(0o600) | os.ModeSetuid | os.ModeSetgid
	must(t, os.Chmod(client, mode))
	if _, errOut, code := runBinary(t, dir, "--fix"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	info, _ := os.Stat(client)
	if got := info.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid); got != mode {
		t.Errorf("mode %v became %v", mode, got)
	}
	if uid, gid, ok := fileOwner(info); root && ok && (uid != 12345 || gid != 23456) {
		t.Errorf("owner 12345:23456 became %d:%d", uid, gid)
	}

	dir, _ = copyFixture(t, "json-rename")
	must(t, os.Chmod(filepath.Join(dir, "wrangler.json"), 0o600))
	if _, errOut, code := runBinary(t, dir, "--fix", "--unsafe-fixes"); code != 0 {
		t.Fatalf("rename: exit %d: %s", code, errOut)
	}
	if info, err := os.Stat(filepath.Join(dir, "wrangler.jsonc")); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("a renamed 0600 file must stay 0600: %v %v", info, err)
	}
}

// A line a fix inserts into a CRLF file ends with CRLF.
func TestFixKeepsCRLF(t *testing.T) {
	dir, _ := copyFixture(t, "missing-export")
	index := filepath.Join(dir, "src", "index.ts")
	crlf := strings.ReplaceAll(string(mustRead(t, index)), "\n", "\r\n")
	must(t, os.WriteFile(index, []byte(crlf), 0o644))
	if _, errOut, code := runBinary(t, dir, "--fix"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got := string(mustRead(t, index))
	if got == crlf || strings.Count(got, "\n") != strings.Count(got, "\r\n") {
		t.Errorf("LF line endings in a CRLF file:\n%q", got)
	}
}

// Control characters and bidi controls from files never reach the
// terminal raw: in names inside messages, excerpts, notes and file names.
func TestTextEscapesControlCharacters(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file names with control characters")
	}
	dir := t.TempDir()
	sub := "app\x1b]8;;http:evil\x07"
	write(t, dir, sub+"/wrangler.jsonc", "{\n  \"name\": \"x\", \"compatibility_date\": \"2025-01-01\",\n"+
		"  \"vars\": { \"API_\\u001b[2J_KEY\": \"sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz012345\" }, // \x1b[31mred\x1b[0m \u202egnp.exe\n"+
		"  \"durable_objects\": { \"bindings\": [{ \"name\": \"A\\u202eB\", \"class_name\": \"Ev\\u001bil\" }] }\n}\n")
	out, errOut, _ := runBinary(t, dir, "--color", "never", ".")
	all := out + errOut
	for _, raw := range []string{"\x1b", "\x07", "\u202e"} {
		if strings.Contains(all, raw) {
			t.Errorf("%q printed raw:\n%s", raw, all)
		}
	}
	for _, want := range []string{`app\x1b]8;;http:evil\x07/wrangler.jsonc:3:`, `vars.API_\x1b[2J_KEY`, `// \x1b[31mred\x1b[0m \u202egnp.exe`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = runBinary(t, dir, "--format", "json", ".")
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil || strings.Contains(out, "\x1b") {
		t.Errorf("JSON output: %v\n%s", err, out)
	}
}

// appendLines appends n numbered comment lines to the first of paths that
// exists, one open-write-close each, as a user's tool would, while
// wranglint runs; it closes done when finished.
func appendLines(paths []string, n int, done chan<- struct{}) {
	defer close(done)
	for i := 0; i < n; i++ {
		for _, p := range paths {
			f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				continue
			}
			fmt.Fprintf(f, "// edit %d\n", i)
			f.Close()
			break
		}
		time.Sleep(100 * time.Microsecond) // paces the edits across the run
	}
}

// Edits made while --fix runs are never lost: the file on disk is checked
// right before each rename (the wrangler.json -> wrangler.jsonc rename
// too), and a changed file is left as the user has it.
func TestFixLosesNoConcurrentEdit(t *testing.T) {
	cases := []struct{ fixture, file, renamed string }{
		{"client-literal", "src/client.tsx", ""},
		{"json-rename", "wrangler.json", "wrangler.jsonc"},
	}
	for _, c := range cases {
		t.Run(c.fixture, func(t *testing.T) {
			for round := 0; round < 10; round++ {
				dir, _ := copyFixture(t, c.fixture)
				paths := []string{filepath.Join(dir, c.file)}
				if c.renamed != "" {
					paths = append(paths, filepath.Join(dir, c.renamed))
				}
				done := make(chan struct{})
				go appendLines(paths, 200, done)
				for {
					runLimited(t, dir, "--fix", "--unsafe-fixes")
					select {
					case <-done:
					default:
						continue
					}
					break
				}
				var final string
				for _, p := range paths {
					if data, err := os.ReadFile(p); err == nil {
						final += string(data)
					}
				}
				for i := 0; i < 200; i++ {
					if !strings.Contains(final, fmt.Sprintf("// edit %d\n", i)) {
						t.Fatalf("round %d: edit %d was lost", round, i)
					}
				}
			}
		})
	}
}

// An absolute main is a path as it stands, not a missing file.
func TestAbsoluteMain(t *testing.T) {
	dir := t.TempDir()
	main := filepath.Join(dir, "src", "index.ts")
	write(t, dir, "src/index.ts", "export default { fetch: () => new Response(\"x\") };\n")
	cfg, _ := json.Marshal(map[string]string{"name": "x", "compatibility_date": "2025-01-01", "main": main})
	write(t, dir, "wrangler.jsonc", string(cfg))
	if out, errOut, code := runBinary(t, dir, "--color", "never"); code != 0 || strings.Contains(out, "main-not-found") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
}

// --format github escapes what text output escapes: workflow commands go
// to a log that a browser and terminals render, so ESC (OSC 8 links),
// BEL, bidi overrides and line separators from file and binding names
// are written as escapes in properties and messages alike.
func TestGitHubEscapesControlCharacters(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file names with control characters")
	}
	dir := t.TempDir()
	sub := "app\x1b]8;;http:evil\x07\u202e"
	write(t, dir, sub+"/wrangler.jsonc", "{\n  \"name\": \"x\", \"compatibility_date\": \"2025-01-01\",\n"+
		"  \"durable_objects\": { \"bindings\": [{ \"name\": \"A\\u2028B\\u202e\\u0007\", \"class_name\": \"Ev\\u001b]8;;x\\u0007il\" }] }\n}\n")
	out, errOut, code := runBinary(t, dir, "--format", "github", ".")
	if code != 1 || !strings.Contains(out, "::error file=") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	for _, r := range out {
		if r != '\n' && source.NeedsEscape(r) {
			t.Fatalf("%U printed raw:\n%q", r, out)
		}
	}
	for _, want := range []string{`file=app\x1b]8;;http%3Aevil\x07\u202e/wrangler.jsonc,`, `A\u2028B\u202e\a`, `Ev\x1b]8;;x\ail`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// --diff with a format that cannot carry a diff is refused (exit 2, and
// nothing on stdout a CI step could take for a report); SARIF carries the
// findings with their fixes, JSON the findings and a diff per file; the
// github default inside GitHub Actions gives way to the plain diff.
func TestDiffInOtherFormats(t *testing.T) {
	dir, _ := copyFixture(t, "client-literal")
	for _, format := range []string{"checkstyle", "junit", "github"} {
		out, errOut, code := runBinary(t, dir, "--diff", "--format", format)
		if code != 2 || out != "" || !strings.Contains(errOut, "--diff and --format "+format+" do not go together") {
			t.Errorf("--diff --format %s: exit %d\nstdout: %s\nstderr: %s", format, code, out, errOut)
		}
	}
	out, errOut, code := runBinary(t, dir, "--diff", "--format", "sarif")
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
				Fixes  []struct {
					ArtifactChanges []struct {
						Replacements []struct {
							InsertedContent struct{ Text string } `json:"insertedContent"`
						} `json:"replacements"`
					} `json:"artifactChanges"`
				} `json:"fixes"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil || code != 1 || len(log.Runs) != 1 {
		t.Fatalf("--diff --format sarif: exit %d, %v\n%s%s", code, err, out, errOut)
	}
	fixed := false
	for _, r := range log.Runs[0].Results {
		for _, f := range r.Fixes {
			for _, c := range f.ArtifactChanges {
				for _, rep := range c.Replacements {
					fixed = fixed || rep.InsertedContent.Text != ""
				}
			}
		}
	}
	if !fixed {
		t.Errorf("--diff --format sarif: no result carries its fix\n%s", out)
	}
	cmd := exec.Command(binary, "--diff")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GITHUB_ACTIONS=true", "NO_COLOR=", "FORCE_COLOR=")
	diff, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || !strings.Contains(string(diff), "--- a/src/client.tsx\n") {
		t.Errorf("--diff in GitHub Actions: %v\n%s", err, diff)
	}
}

// A .wranglint.jsonc that is not a regular file is an invalid-settings
// error at its path (never read: a FIFO would block); one that other
// users could have written (in a folder writable by others, such as a
// project below /tmp) is not used, and standard error says so once;
// --verbose names the settings file used.
func TestSettingsFileLookup(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("FIFOs and mode bits")
	}
	config := `{"name": "x", "compatibility_date": "2025-01-01", "bogus": 1}`
	off := `{"rules": {"unknown-field": "off"}}`

	dir := t.TempDir()
	write(t, dir, "proj/wrangler.jsonc", config)
	write(t, dir, ".wranglint.jsonc", off)
	if err := mkfifo(filepath.Join(dir, "proj", ".wranglint.jsonc")); err != nil {
		t.Skip(err)
	}
	out, errOut, code := runLimited(t, filepath.Join(dir, "proj"), "--color", "never")
	if code != 2 || !strings.Contains(out, ".wranglint.jsonc:1:1: error: the settings file is a FIFO (named pipe), not a regular file") || !strings.Contains(out, "[unknown-field]") {
		t.Errorf("FIFO settings: exit %d\n%s%s", code, out, errOut)
	}

	shared := filepath.Join(t.TempDir(), "shared")
	write(t, shared, ".wranglint.jsonc", off)
	write(t, shared, "proj/wrangler.jsonc", config)
	must(t, os.Chmod(shared, 0o1777))
	for _, args := range [][]string{{"--color", "never"}, {"--color", "never", "--diff"}} {
		out, errOut, _ = runLimited(t, filepath.Join(shared, "proj"), args...)
		note := "wranglint: not using " + filepath.Join(shared, ".wranglint.jsonc") + ": its folder " + shared + " is writable by other users"
		if !strings.Contains(out, "[unknown-field]") && args[len(args)-1] != "--diff" || strings.Count(errOut, note) != 1 {
			t.Errorf("%v: settings in a folder writable by others:\n%s%s", args, out, errOut)
		}
	}

	must(t, os.Chmod(shared, 0o755))
	out, errOut, code = runLimited(t, filepath.Join(shared, "proj"), "--color", "never", "--verbose")
	if code != 0 || strings.Contains(out, "[unknown-field]") || !strings.Contains(errOut, "wranglint: settings from "+filepath.Join(shared, ".wranglint.jsonc")+"\n") {
		t.Errorf("--verbose: exit %d\n%s%s", code, out, errOut)
	}
}

// runWithin is runBinary with a deadline of limit.
func runWithin(t *testing.T, limit time.Duration, dir string, args ...string) (string, string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=", "FORCE_COLOR=", "GITHUB_ACTIONS=")
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%v did not end within %v", args, limit)
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

// Inputs whose cost grew with the square of their size end in time linear
// in it. The bound is far above what they take (a second or two); it
// only catches the blow-up (30,000 environments took a minute,
// 60,000 token-like vars did not finish in five).
func TestQuadraticInputsEnd(t *testing.T) {
	cases := map[string]struct {
		setup func(t *testing.T, dir string) string // returns the folder to lint
		code  int
		want  string
	}{
		"30,000 environments": {func(t *testing.T, dir string) string {
			var b strings.Builder
			b.WriteString(`{"name": "x", "compatibility_date": "2025-01-01", "main": "src/index.ts", "env": {`)
			for i := 0; i < 30000; i++ {
				if i > 0 {
					b.WriteString(",\n")
				}
				fmt.Fprintf(&b, `"e%d": {"route": "e%d.example.com/*", "vars": {"A": "x"}}`, i, i)
			}
			b.WriteString("}}\n")
			write(t, dir, "wrangler.jsonc", b.String())
			write(t, dir, "src/index.ts", "export default { fetch: () => new Response(\"x\") };\n")
			return dir
		}, 0, "no problems found"},
		"20,000 token-like vars": {func(t *testing.T, dir string) string {
			var b strings.Builder
			b.WriteString(`{"name": "x", "compatibility_date": "2025-01-01", "vars": {`)
			for i := 0; i < 20000; i++ {
				if i > 0 {
					b.WriteString(",\n")
				}
				fmt.Fprintf(&b, `"V%d_TOKEN": "sk_live_%024d"`, i, i*7919)
			}
			b.WriteString("}}\n")
			write(t, dir, "wrangler.jsonc", b.String())
			return dir
		}, 1, "20000 errors in 1 file"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir := c.setup(t, t.TempDir())
			out, errOut, code := runWithin(t, 20*time.Second, dir, "--color", "never", "--no-cache")
			if code != c.code || !strings.Contains(out, c.want) {
				t.Errorf("exit %d\n%.2000s\n%s", code, out, errOut)
			}
			if strings.Contains(out, "sk_live_0000") {
				t.Error("a token is printed")
			}
		})
	}
}

// tokenProject is a Worker whose client code holds credentials in known
// formats where the scanner reports them: in URL literals (a path
// segment, a query), a template literal and a const, next to a fixable
// finding, so that --diff shows them in context lines.
var tokenProject = map[string]string{
	"wrangler.jsonc": `{
  "name": "tokens",
  "main": "src/server.ts",
  "compatibility_date": "2025-10-01",
  "compatibility_flags": ["nodejs_compat"],
  "durable_objects": { "bindings": [{ "name": "CoderAgent", "class_name": "CoderAgent" }] },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["CoderAgent"] }]
}
`,
	"src/server.ts": `import { Agent, routeAgentRequest } from "agents";
export class CoderAgent extends Agent<Env> {}
export default {
  async fetch(request: Request, env: Env) {
    return (await routeAgentRequest(request, env)) ?? new Response("x");
  },
};
`,
	"src/client.tsx": `import { useAgent } from "agents/react";
const KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
export function Chat() {
  const a = useAgent({ agent: "coderagent" });
  void fetch("/agents/ghp_abcdefghijklmnopqrstuvwxyz0123456789/default?k=" + KEY);
  void fetch(` + "`/agents/xoxb-123456789012-abcdefghijklmnop/room`" + `);
  void new WebSocket("wss://tokens.example.com/agents/sk_live_4eC39HqLyjWDarjtT1zdp7dc/x");
  void useAgent({ agent: "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz012345" });
  return a;
}
`,
}

// Credentials in the Worker's code are masked wherever wranglint shows
// them: excerpts, messages and notes in every format, --verbose,
// --explain-versions, --diff (context lines too) and --fix's report.
func TestTokensInCodeNeverPrinted(t *testing.T) {
	tokens := []string{"sk_live_4eC39HqLyjWDarjtT1zdp7dc", "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
		"xoxb-123456789012-abcdefghijklmnop", "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz012345"}
	leak := func(out string) string {
		for _, v := range tokens {
			for i := 0; i+12 <= len(v); i++ {
				if strings.Contains(out, v[i:i+12]) {
					return v[i : i+12]
				}
			}
		}
		return ""
	}
	setup := func(t *testing.T) string {
		dir := t.TempDir()
		for rel, data := range tokenProject {
			write(t, dir, rel, data)
		}
		return dir
	}
	dir := setup(t)
	runs := [][]string{
		{}, {"--format", "json"}, {"--format", "sarif"}, {"--format", "github"}, {"--format", "checkstyle"}, {"--format", "junit"},
		{"--verbose"}, {"--explain-versions"}, {"--diff"}, {"--diff", "--unsafe-fixes"}, {"--diff", "--format", "json"}, {"--diff", "--format", "sarif"},
	}
	for _, args := range runs {
		out, errOut, code := runBinary(t, dir, append([]string{"--color", "never", "--no-cache"}, args...)...)
		if piece := leak(out + errOut); piece != "" {
			t.Errorf("%v prints %q:\n%s%s", args, piece, out, errOut)
		}
		if code != 1 || !strings.Contains(out+errOut, "*****") {
			t.Errorf("%v: exit %d, no masked token shown (the test proves nothing):\n%s%s", args, code, out, errOut)
		}
	}
	out, errOut, _ := runBinary(t, setup(t), "--color", "never", "--no-cache", "--fix")
	if piece := leak(out + errOut); piece != "" || !strings.Contains(errOut, "fixed 1 finding in 1 file") {
		t.Errorf("--fix prints %q:\n%s%s", piece, out, errOut)
	}
}

// What a killed --fix left (in the .wranglint-tmp staging folder, or
// beside the file as earlier versions did) is removed by the next --fix;
// what is in a staging folder is never picked up by `git add -A`.
func TestFixLeftoversAreCleanedAndIgnored(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("process ids")
	}
	dir, _ := copyFixture(t, "client-literal")
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip(err)
	}
	staging := filepath.Join(dir, "src", ".wranglint-tmp")
	write(t, dir, "src/.wranglint-tmp/.gitignore", "*\n")
	stale := fmt.Sprintf("src/.wranglint-tmp/%d.client.tsx.3141", dead.Process.Pid)
	write(t, dir, stale, "x")
	write(t, dir, stale+".orig", "x")
	old := filepath.Join(dir, "src", ".client.tsx.wranglint-2718")
	write(t, dir, "src/.client.tsx.wranglint-2718", "x")
	long := time.Now().Add(-2 * time.Hour)
	must(t, os.Chtimes(old, long, long))
	live := fmt.Sprintf("src/.wranglint-tmp/%d.server.ts.1618", os.Getpid()) // a run still going
	write(t, dir, live, "x")
	if git, err := exec.LookPath("git"); err == nil {
		for _, args := range [][]string{{"init", "-q"}, {"add", "-A", "-n"}} {
			cmd := exec.Command(git, args...)
			cmd.Dir = dir
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("git %v: %v\n%s", args, err, out)
			}
			if strings.Contains(string(out), ".wranglint-tmp") {
				t.Errorf("git add -A would add the staging folder's files:\n%s", out)
			}
		}
	}
	if _, errOut, code := runBinary(t, dir, "--fix", "--color", "never", "--no-cache"); code != 0 || !strings.Contains(errOut, "fixed 1 finding in 1 file") {
		t.Fatalf("--fix: exit %d\n%s", code, errOut)
	}
	for _, p := range []string{stale, stale + ".orig", "src/.client.tsx.wranglint-2718"} {
		if _, err := os.Lstat(filepath.Join(dir, p)); err == nil {
			t.Errorf("%s is left", p)
		}
	}
	if _, err := os.Lstat(filepath.Join(dir, live)); err != nil {
		t.Error("the file of a run still going was removed")
	}
	must(t, os.Remove(filepath.Join(dir, live)))
	write(t, dir, "src/client.tsx", strings.Replace(string(mustRead(t, filepath.Join(dir, "src", "client.tsx"))), "CoderAgent", "coderagent", 1))
	runBinary(t, dir, "--fix", "--no-cache")
	if _, err := os.Lstat(staging); err == nil {
		t.Error("an empty staging folder is left")
	}
}
