package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

var binary string

// TestMain builds the real binary once: the exit-code and output tests
// run it as a user would.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "wranglint-bin")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "wranglint")
	if runtime.GOOS == "windows" {
		binary += ".exe"
	}
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if os.Getenv("WRANGLINT_TEST_RACE") != "" {
		// .ci/run: the binary the CLI tests run (--fix included) is built
		// with the race detector, which needs cgo.
		build = exec.Command("go", "build", "-race", "-o", binary, ".")
		build.Env = append(os.Environ(), "CGO_ENABLED=1")
	}
	if out, err := build.CombinedOutput(); err != nil {
		panic(string(out))
	}
	// The cache is on by default: keep the tests' entries out of the
	// user's cache folder (the binary and in-process runs both read this).
	// Go's build cache defaults to a folder below XDG_CACHE_HOME too: pin
	// it first, or every `go` a test runs would rebuild the module from
	// nothing (minutes on two cores).
	pinGoCache()
	os.Setenv("XDG_CACHE_HOME", filepath.Join(dir, "cache"))
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// pinGoCache sets GOCACHE to the build cache in use now, unless set.
func pinGoCache() {
	if os.Getenv("GOCACHE") != "" {
		return
	}
	if out, err := exec.Command("go", "env", "GOCACHE").Output(); err == nil {
		if dir := strings.TrimSpace(string(out)); dir != "" && dir != "off" {
			os.Setenv("GOCACHE", dir)
		}
	}
}

// slowTests: tests that build wranglint again (a link, seconds to a
// minute on two cores) run only when WRANGLINT_SLOW_TESTS=1, as .ci/run
// sets it; `go test ./...` stays fast.
func slowTests(t *testing.T) {
	t.Helper()
	if os.Getenv("WRANGLINT_SLOW_TESTS") != "1" {
		t.Skip("builds wranglint again: set WRANGLINT_SLOW_TESTS=1 (.ci/run does)")
	}
}

func runBinary(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=", "FORCE_COLOR=", "GITHUB_ACTIONS=") // text unless asked, even in GitHub Actions
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

const sample = "../../testdata/coderagent"

func TestBinaryExitCodesAndText(t *testing.T) {
	out, _, code := runBinary(t, sample)
	if code != 1 {
		t.Fatalf("the CoderAgent sample must exit 1, got %d\n%s", code, out)
	}
	for _, want := range []string{
		"wrangler.jsonc:11:17: error: binding \"CoderAgent\" is served at /agents/coder-agent/",
		"[binding-name-case-mismatch]",
		"11 |       { \"name\": \"CoderAgent\"",
		"   |                 ^~~~~~~~~~~~",
		"1 error in 1 file",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("no colour when stdout is not a terminal")
	}
	if out, _, _ := runBinary(t, sample, "--color", "always"); !strings.Contains(out, "\x1b[") {
		t.Error("--color always colours")
	}
	if _, _, code := runBinary(t, "../../testdata/cases/lookalikes-not-flagged"); code != 0 {
		t.Errorf("a clean project exits 0, got %d", code)
	}
	if _, errOut, code := runBinary(t, "../../testdata/cases/syntax-jsonc"); code != 2 {
		t.Errorf("a syntax error exits 2, got %d %s", code, errOut)
	}
	// reported once, as a finding in the chosen format (not again on stderr)
	if out, errOut, code := runBinary(t, sample, "does-not-exist"); code != 2 || !strings.Contains(out, "does-not-exist") || strings.Contains(errOut, "does-not-exist") {
		t.Errorf("a missing path exits 2 naming it once, got %d %q %q", code, out, errOut)
	}
	if _, _, code := runBinary(t, sample, "--format", "xml"); code != 2 {
		t.Errorf("a bad flag value exits 2, got %d", code)
	}
	if _, _, code := runBinary(t, sample, "--no-such-flag"); code != 2 {
		t.Errorf("an unknown flag exits 2, got %d", code)
	}
}

func TestBinaryJSON(t *testing.T) {
	out, _, code := runBinary(t, "../../testdata/cases/missing-export", "--format", "json")
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	var rep struct {
		Diagnostics []map[string]any `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(rep.Diagnostics) != 9 {
		t.Fatalf("%d diagnostics", len(rep.Diagnostics))
	}
	for _, key := range []string{"rule", "severity", "file", "line", "column", "end_line", "end_column", "message"} {
		if _, ok := rep.Diagnostics[0][key]; !ok {
			t.Errorf("diagnostic lacks %q", key)
		}
	}
	d := rep.Diagnostics[0]
	if d["file"] != "wrangler.jsonc" || d["line"] != 8.0 || d["column"] != 38.0 || d["end_column"] != 43.0 {
		t.Errorf("position: %v", d)
	}
	fix, ok := d["fix"].(map[string]any)
	if !ok || fix["applicability"] != "safe" {
		t.Fatalf("fix: %v", d["fix"])
	}
	edit := fix["edits"].([]any)[0].(map[string]any)
	if edit["file"] != "src/index.ts" || edit["new_text"] != "export { Foo } from './agents/foo'\n" {
		t.Errorf("edit: %v", edit)
	}
	prev := ""
	for _, d := range rep.Diagnostics {
		key := d["file"].(string) + ":" + strings.Repeat("0", 6-len(jsonInt(d["line"]))) + jsonInt(d["line"])
		if key < prev {
			t.Errorf("not sorted: %s after %s", key, prev)
		}
		prev = key
	}
	if out, _, _ := runBinary(t, "../../testdata/cases/lookalikes-not-flagged", "--format", "json"); strings.TrimSpace(out) != "{\n  \"diagnostics\": []\n}" {
		t.Errorf("empty report: %q", out)
	}
}

func jsonInt(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestRouteCommand(t *testing.T) {
	out, _, code := runBinary(t, sample, "route", "wss://agents.example.com/agents/coderagent/default")
	if code != 1 || !strings.Contains(out, `Worker "coder" (wrangler.jsonc, the top level) serves no namespace "coderagent" under /agents/`) || !strings.Contains(out, `/agents/coder-agent/ is binding "CoderAgent"`) {
		t.Errorf("unserved URL: %d\n%s", code, out)
	}
	if strings.Count(out, "nearest:") != 1 {
		t.Errorf("each binding is named once:\n%s", out)
	}
	out, _, code = runBinary(t, sample, "route", "/agents/coder-agent/default")
	if code != 0 || !strings.Contains(out, `served by Worker "coder" (wrangler.jsonc, the top level), binding "CoderAgent", class "CoderAgent", declared at wrangler.jsonc:11:17`) {
		t.Errorf("served URL: %d\n%s", code, out)
	}
	out, _, code = runBinary(t, "../../testdata/cases/hosts-monorepo", "route", "https://eu.beta.example.com/agents/support-bot/x")
	if code != 0 || !strings.Contains(out, `Worker "beta"`) {
		t.Errorf("host routing: %d\n%s", code, out)
	}
	// A host no environment's routes cover is answered as such.
	out, _, code = runBinary(t, "../../testdata/cases/hosts-monorepo", "route", "https://gamma.example.com/agents/chat/x")
	if code != 1 || !strings.Contains(out, `no environment's routes or workers.dev name cover host "gamma.example.com"`) {
		t.Errorf("uncovered host: %d\n%s", code, out)
	}
	if _, _, code := runBinary(t, sample, "route", "not a url"); code != 2 {
		t.Errorf("a bad URL exits 2, got %d", code)
	}
}

func TestRulesExplainVersion(t *testing.T) {
	out, _, code := runBinary(t, ".", "rules")
	if code != 0 || !strings.Contains(out, "binding-name-case-mismatch") || !strings.Contains(out, "missing-class-export") {
		t.Errorf("rules: %d\n%s", code, out)
	}
	out, _, code = runBinary(t, ".", "explain", "binding-name-case-mismatch")
	if code != 0 || !strings.Contains(out, "Why it matters") || !strings.Contains(out, "Reported") || !strings.Contains(out, "Fix (safe and unsafe)") {
		t.Errorf("explain: %d\n%s", code, out)
	}
	_, errOut, code := runBinary(t, ".", "explain", "binding-name-case-mismatc")
	if code != 2 || !strings.Contains(errOut, `did you mean "binding-name-case-mismatch"`) {
		t.Errorf("explain unknown: %d %s", code, errOut)
	}
	out, _, code = runBinary(t, ".", "version")
	if code != 0 || !strings.HasPrefix(out, "wranglint ") {
		t.Errorf("version: %q", out)
	}
	_, errOut, _ = runBinary(t, sample, "--explain-versions")
	if !strings.Contains(errOut, `agents 0.2.20 (lowest version "^0.2.20" allows in package.json)`) {
		t.Errorf("--explain-versions: %s", errOut)
	}
}

// run() in-process, as actionlint's tests do: no binary needed.
func TestRunInProcess(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"--color", "never", sample}, &out, &errb); code != 1 {
		t.Fatalf("exit %d: %s %s", code, out.String(), errb.String())
	}
	if !strings.Contains(out.String(), "testdata/coderagent/wrangler.jsonc:11:17") {
		t.Errorf("paths are relative to the working directory: %s", out.String())
	}
	empty := t.TempDir()
	out.Reset()
	errb.Reset()
	if code := run([]string{empty}, &out, &errb); code != 2 || !strings.Contains(out.String(), "no wrangler.json") {
		t.Errorf("no config: %d %s", code, out.String())
	}
}

// --verbose says which client calls were left alone and why.
func TestVerboseListsSkippedClients(t *testing.T) {
	dir := t.TempDir()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "src"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "wrangler.jsonc"), []byte(`{ "name": "v", "main": "src/s.ts", "compatibility_date": "2025-10-01",
  "durable_objects": {"bindings": [{"name": "A", "class_name": "A"}]}, "migrations": [{"tag":"v1","new_sqlite_classes":["A"]}] }`), 0o644))
	must(os.WriteFile(filepath.Join(dir, "src", "s.ts"), []byte(`import { useAgent } from "agents/react";
export class A {}
export function W(name: string) { return useAgent({ agent: name }); }
export const X = async () => useAgent({ agent: (await fetch("/cfg")).headers.get("x") });
export default { fetch: () => new Response("") };
`), 0o644))
	_, errOut, code := runBinary(t, dir, "--verbose", ".")
	if code == 2 || !strings.Contains(errOut, "2 item(s) skipped") || !strings.Contains(errOut, "its agent is computed at run time") ||
		!strings.Contains(errOut, "parameter of the exported W()") {
		t.Errorf("--verbose: %d\n%s", code, errOut)
	}
}

// Linting part of a monorepo still counts its other Workers for routing:
// a client of another Worker's host is judged against that Worker, and
// nothing is reported about Workers outside the linted folder.
func TestSubsetCountsOtherWorkersForRouting(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, data string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(".git/HEAD", "ref: refs/heads/main\n")
	write("package.json", `{ "private": true, "workspaces": ["apps/*"] }`)
	write("apps/alpha/wrangler.jsonc", `{ "name": "alpha", "main": "src/index.ts", "compatibility_date": "2025-10-01",
  "compatibility_flags": ["nodejs_compat"], "routes": [{ "pattern": "alpha.example.com", "custom_domain": true }],
  "durable_objects": { "bindings": [{ "name": "Chat", "class_name": "Chat" }] } }`) // no migration: not reported from apps/web
	write("apps/alpha/src/index.ts", `import { Agent, routeAgentRequest } from "agents";
export class Chat extends Agent {}
export default { fetch: async (r: Request, env: unknown) => (await routeAgentRequest(r, env)) ?? new Response(null, { status: 404 }) };
`)
	write("apps/web/wrangler.jsonc", `{ "name": "web", "compatibility_date": "2025-10-01", "assets": { "directory": "dist" } }`)
	write("apps/web/src/web.ts", `export const ok = new WebSocket("wss://alpha.example.com/agents/chat/lobby");
export const typo = new WebSocket("wss://alpha.example.com/agents/chats/lobby");
`)
	out, _, code := runBinary(t, dir, "apps/web")
	if code != 1 || !strings.Contains(out, "apps/web/src/web.ts:2:") || strings.Contains(out, "apps/web/src/web.ts:1:") ||
		strings.Contains(out, "apps/alpha") && !strings.Contains(out, "binding of apps/alpha/wrangler.jsonc") || strings.Contains(out, "missing-migration") {
		t.Errorf("subset: %d\n%s", code, out)
	}
}
