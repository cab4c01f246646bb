package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/tailscale/hujson"
	"github.com/wranglint/wranglint/lint/report"
	"github.com/wranglint/wranglint/lint/settings"
	"github.com/wranglint/wranglint/lint/source"
)

// validateSettingsSchema checks a settings file (JSONC) against the
// schema shipped in schema/.
func validateSettingsSchema(t *testing.T, jsonc []byte) {
	t.Helper()
	std, err := hujson.Standardize(append([]byte(nil), jsonc...))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	f, err := os.Open(settingsSchema)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource("s.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("s.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(std))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("not valid for the schema: %v\n%s", err, jsonc)
	}
}

// runWithEnv runs the binary with extra environment variables.
func runWithEnv(t *testing.T, dir string, env []string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "NO_COLOR=", "FORCE_COLOR=", "GITHUB_ACTIONS="), env...)
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

// tree writes files (slash paths) below a new folder that is a git
// repository root, and returns the folder.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files[".git/HEAD"] = "ref: refs/heads/main\n"
	for name, data := range files {
		write(t, dir, name, data)
	}
	return dir
}

// warnOnly has one warning (unknown-field) and nothing else.
const warnOnly = "{\n  \"name\": \"w\",\n  \"compatibility_date\": \"2025-01-01\",\n  \"colour\": \"blue\"\n}\n"

func TestFlagsThatNeedAnother(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--unsafe-fixes"}, "--unsafe-fixes only chooses which fixes --fix or --diff apply"},
		{[]string{"--exit-non-zero-on-fix"}, "--exit-non-zero-on-fix is about files --fix changes"},
		{[]string{"--select", "binding-name-case-mismach"}, `--select: no rule "binding-name-case-mismach" (did you mean "binding-name-case-mismatch"?)`},
		{[]string{"--ignore", "unknown-field,unused-supression"}, `--ignore: no rule "unused-supression" (did you mean "unused-suppression"?)`},
		{[]string{"--config", "missing.jsonc"}, "--config missing.jsonc: no such settings file"},
		{[]string{"--max-warnings", "-2"}, "--max-warnings -2 is negative"},
		{[]string{"--format", "xml"}, `unknown --format "xml" (use text, json, sarif, github, gitlab, checkstyle, junit)`},
	} {
		_, stderr, code := runBinary(t, sample, c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want 2 and %q", c.args, code, stderr, c.want)
		}
	}
	if _, _, code := runBinary(t, sample, "--diff", "--unsafe-fixes"); code != 1 {
		t.Errorf("--unsafe-fixes with --diff is fine: exit %d", code)
	}
}

func TestSelectIgnoreAndMaxWarnings(t *testing.T) {
	dir := tree(t, map[string]string{"wrangler.jsonc": warnOnly})
	if out, _, code := runBinary(t, dir); code != 0 || !strings.Contains(out, "[unknown-field]") {
		t.Fatalf("a warning alone exits 0: %d\n%s", code, out)
	}
	if _, stderr, code := runBinary(t, dir, "--max-warnings", "0"); code != 1 || !strings.Contains(stderr, "1 warnings, more than --max-warnings 0 allows") {
		t.Errorf("--max-warnings 0: exit %d, %q", code, stderr)
	}
	if _, _, code := runBinary(t, dir, "--max-warnings", "1"); code != 0 {
		t.Errorf("--max-warnings 1: exit %d", code)
	}
	if out, _, _ := runBinary(t, dir, "--ignore", "unknown-field"); strings.Contains(out, "unknown-field") {
		t.Errorf("--ignore: %s", out)
	}
	if out, _, _ := runBinary(t, dir, "--select", "secret-in-vars,compat-date-missing"); strings.Contains(out, "unknown-field") {
		t.Errorf("--select: %s", out)
	}
	if out, _, _ := runBinary(t, sample, "--select", "unknown-field", "--select", "binding-name-case-mismatch"); !strings.Contains(out, "[binding-name-case-mismatch]") {
		t.Errorf("--select twice adds up: %s", out)
	}
}

func TestSettingsFromTheCommandLine(t *testing.T) {
	dir := tree(t, map[string]string{
		"wrangler.jsonc":   warnOnly,
		".wranglint.jsonc": `{"rules": {"unknown-field": "error"}}`,
		"ci.jsonc":         `{"rules": {"unknown-field": "off"}}`,
		"bad.jsonc":        "{\n  \"rules\": {\"unknown-field\": \"warn\"}\n}\n",
	})
	if _, _, code := runBinary(t, dir); code != 1 {
		t.Errorf("the nearest settings make the warning an error: exit %d", code)
	}
	if out, _, code := runBinary(t, dir, "--config", "ci.jsonc"); code != 0 || !strings.Contains(out, "no problems found") {
		t.Errorf("--config replaces the nearest settings: exit %d\n%s", code, out)
	}
	out, _, code := runBinary(t, dir, "--config", "bad.jsonc")
	if code != 2 || !strings.Contains(out, `bad.jsonc:2:30: error: rule "unknown-field" is set to "warn" (did you mean "warning"?)`) {
		t.Errorf("invalid settings exit 2, placed: exit %d\n%s", code, out)
	}
	write(t, dir, "wrangler.jsonc", "{\n  \"name\": \"w\",\n  \"compatibility_date\": \"2025-01-01\",\n  // wranglint-disable-next-line unknown-field\n  \"colour\": \"blue\"\n}\n")
	if out, _, code := runBinary(t, dir, "--require-reason"); code != 1 || !strings.Contains(out, "wranglint-disable-next-line gives no reason") {
		t.Errorf("--require-reason: exit %d\n%s", code, out)
	}
}

func TestFormatsFromTheBinary(t *testing.T) {
	out, _, code := runBinary(t, sample, "--format", "sarif")
	var log struct {
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct{ Name, Version string }
			}
			Results []struct{ RuleID string }
		}
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil || code != 1 {
		t.Fatalf("sarif: exit %d, %v\n%s", code, err, out)
	}
	if log.Version != "2.1.0" || log.Runs[0].Tool.Driver.Name != "wranglint" || log.Runs[0].Results[0].RuleID != "binding-name-case-mismatch" {
		t.Errorf("sarif: %+v", log)
	}
	out, _, _ = runBinary(t, sample, "--format", "junit")
	var suites junitShape
	if err := xml.Unmarshal([]byte(out), &suites); err != nil || suites.Failures != 1 {
		t.Errorf("junit: %v %+v", err, suites)
	}
	out, _, _ = runBinary(t, sample, "--format", "checkstyle")
	if !strings.Contains(out, `<file name="wrangler.jsonc">`) || !strings.Contains(out, `source="wranglint.binding-name-case-mismatch"`) {
		t.Errorf("checkstyle:\n%s", out)
	}
	gh := "::error file=wrangler.jsonc,line=11,col=17,endLine=11,endColumn=28,title=binding-name-case-mismatch::"
	if out, _, _ := runBinary(t, sample, "--format", "github"); !strings.HasPrefix(out, gh) {
		t.Errorf("github:\n%s", out)
	}
	if out, _, _ := runWithEnv(t, sample, []string{"GITHUB_ACTIONS=true"}); !strings.HasPrefix(out, gh) {
		t.Errorf("in GitHub Actions, github is the default:\n%s", out)
	}
	if out, _, _ := runWithEnv(t, sample, []string{"GITHUB_ACTIONS=true"}, "--format", "text"); strings.HasPrefix(out, "::") {
		t.Errorf("--format wins over the default:\n%s", out)
	}
}

type junitShape struct {
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
}

func TestVersionFlag(t *testing.T) {
	flag, _, code := runBinary(t, sample, "--version")
	cmd, _, _ := runBinary(t, sample, "version")
	if code != 0 || flag != cmd || !strings.HasPrefix(flag, "wranglint ") {
		t.Errorf("--version %q (exit %d), version %q", flag, code, cmd)
	}
	// -ldflags "-X main.version=..." sets a string variable of that name
	// and silently does nothing when there is none: the binary built in
	// TestMain must have it (TestVersionString covers what it prints).
	nm, err := exec.Command("go", "tool", "nm", binary).Output()
	if err != nil {
		t.Fatalf("go tool nm: %v", err)
	}
	if !regexp.MustCompile(`(?m)^\s*[0-9a-f]+ [DdBb] main\.version$`).Match(nm) {
		t.Error("the binary has no data symbol main.version: -ldflags -X main.version=... would set nothing")
	}
}

// The real thing, as release.sh and the npm packages build it: a second
// link of the whole binary.
func TestVersionFromLdflags(t *testing.T) {
	slowTests(t)
	bin := filepath.Join(t.TempDir(), "wranglint-ldflags")
	build := exec.Command("go", "build", "-o", bin, "-ldflags", "-X main.version=v9.8.7", ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatal(string(out))
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil || string(out) != "wranglint v9.8.7\n" {
		t.Errorf("-ldflags version: %q %v", out, err)
	}
}

func TestVersionString(t *testing.T) {
	vcs := []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "true"}}
	for _, c := range []struct {
		ldflags string
		info    *debug.BuildInfo
		want    string
	}{
		{"v1.0.0", &debug.BuildInfo{Main: debug.Module{Version: "v2.0.0"}}, "v1.0.0"},
		{"", &debug.BuildInfo{Main: debug.Module{Version: "v0.3.1"}}, "v0.3.1"},
		{"", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs}, "dev (0123456789ab, modified)"},
		{"", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261126120000-0123456789ab+dirty"}, Settings: vcs}, "v0.0.0-20261126120000-0123456789ab+dirty"},
		{"", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "dev"},
		{"", nil, "dev"},
	} {
		if got := versionString(c.ldflags, c.info); got != c.want {
			t.Errorf("versionString(%q, %+v) = %q, want %q", c.ldflags, c.info, got, c.want)
		}
	}
}

func TestInit(t *testing.T) {
	dir := tree(t, map[string]string{"wrangler.jsonc": warnOnly})
	out, _, code := runBinary(t, dir, "init")
	if code != 0 || !strings.Contains(out, "wrote .wranglint.jsonc") {
		t.Fatalf("init: exit %d\n%s", code, out)
	}
	data := mustRead(t, filepath.Join(dir, ".wranglint.jsonc"))
	s := settings.Parse(source.NewFile(filepath.Join(dir, ".wranglint.jsonc"), ".wranglint.jsonc", data))
	if len(s.Problems) > 0 || len(s.Rules)+len(s.Ignore)+len(s.Clients) > 0 {
		t.Errorf("the starter is valid and changes nothing: %+v", s)
	}
	for _, key := range []string{`"rules"`, `"ignore"`, `"versions"`, `"clients"`, `"nameOption"`, `"convention"`} {
		if !bytes.Contains(data, []byte(key)) {
			t.Errorf("the starter does not mention %s", key)
		}
	}
	if _, _, code := runBinary(t, dir); code != 0 {
		t.Errorf("lint with the starter: exit %d", code)
	}
	if !bytes.Contains(data, []byte(`"$schema": "`+report.SettingsSchemaURL+`"`)) || !bytes.Contains(data, []byte("#configuration-wranglintjsonc")) {
		t.Errorf("the starter names its schema and the README's configuration section:\n%s", data)
	}
	// The starter, and the starter with every example uncommented, are
	// valid for both the parser and the shipped schema.
	examples := regexp.MustCompile(`(?m)^(\s*)// ("[^"]+": |\{ ")`).ReplaceAll(data, []byte("$1$2"))
	for _, doc := range [][]byte{data, examples} {
		if s := settings.Parse(source.NewFile(filepath.Join(dir, ".wranglint.jsonc"), ".wranglint.jsonc", doc)); len(s.Problems) > 0 {
			t.Errorf("the parser: %+v\n%s", s.Problems, doc)
		}
		validateSettingsSchema(t, doc)
	}
	if bytes.Equal(examples, data) {
		t.Error("no example was uncommented: the test proves nothing")
	}
	if _, stderr, code := runBinary(t, dir, "init"); code != 2 || !strings.Contains(stderr, "already exists: wranglint init does not overwrite it") {
		t.Errorf("a second init: exit %d, %q", code, stderr)
	}
	if !bytes.Equal(mustRead(t, filepath.Join(dir, ".wranglint.jsonc")), data) {
		t.Error("a second init changed the file")
	}
}

// pre-commit passes staged file names.
func TestFileArguments(t *testing.T) {
	dir := tree(t, map[string]string{
		"README.md":                     "# monorepo\n",
		"apps/web/src/app.tsx":          "import { useAgent } from \"agents/react\";\nexport const a = useAgent({ agent: \"coderagent\" });\n",
		"apps/worker/wrangler.jsonc":    "{\n  \"name\": \"worker\",\n  \"main\": \"src/index.ts\",\n  \"compatibility_date\": \"2025-01-01\",\n  \"compatibility_flags\": [\"nodejs_compat\"],\n  \"durable_objects\": { \"bindings\": [{ \"name\": \"CoderAgent\", \"class_name\": \"CoderAgent\" }] },\n  \"migrations\": [{ \"tag\": \"v1\", \"new_sqlite_classes\": [\"CoderAgent\"] }]\n}\n",
		"apps/worker/src/index.ts":      "import { Agent, routeAgentRequest } from \"agents\";\nexport class CoderAgent extends Agent {}\nexport default { fetch: async (r: Request, env: any) => (await routeAgentRequest(r, env)) ?? new Response(\"no\") };\n",
		"apps/other/wrangler.jsonc":     warnOnly,
		"apps/other/src/unrelated.ts":   "export {};\n",
		"packages/ui/src/button.tsx":    "export const b = 1;\n",
		"apps/worker/README.md":         "",
		"apps/worker/wrangler.dev.toml": "name = \"dev\"\nmain = \"src/index.ts\"\n", // another config: read as one (no date)
	})
	out, stderr, code := runBinary(t, dir, "apps/web/src/app.tsx")
	if code != 1 || !strings.Contains(out, "apps/worker/wrangler.jsonc:6:") || !strings.Contains(out, "[binding-name-case-mismatch]") || strings.Contains(out, "apps/other") {
		t.Errorf("a client file: the Worker it connects to, nothing else: exit %d\n%s%s", code, out, stderr)
	}
	if out, _, code := runBinary(t, dir, "apps/other/src/unrelated.ts"); code != 0 || !strings.Contains(out, "apps/other/wrangler.jsonc") || strings.Contains(out, "apps/worker") {
		t.Errorf("a server file: its Worker: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{{"README.md"}, {"packages/ui/src/button.tsx", "README.md"}} {
		if out, stderr, code := runBinary(t, dir, args...); code != 0 || stderr != "" || !strings.Contains(out, "no problems found") {
			t.Errorf("%v belong to no Worker: skipped: exit %d\n%s%s", args, code, out, stderr)
		}
	}
	if out, _, code := runBinary(t, dir, "apps/worker/wrangler.dev.toml"); code != 1 || !strings.Contains(out, "apps/worker/wrangler.dev.toml") {
		t.Errorf("wrangler.dev.toml is a config: exit %d\n%s", code, out)
	}
}

// --fix sees the findings the report sees: a suppressed finding's fix is
// not applied, and an ignored rule's neither.
func TestFixHonoursSuppressionsAndSettings(t *testing.T) {
	client := "import { useAgent } from \"agents/react\";\nexport const a = useAgent({ agent: \"coderagent\" });\n"
	suppressed := "import { useAgent } from \"agents/react\";\n// wranglint-disable-next-line binding-name-case-mismatch -- the gateway rewrites this path\nexport const a = useAgent({ agent: \"coderagent\" });\n"
	config := string(mustRead(t, filepath.Join(sample, "wrangler.jsonc")))
	server := string(mustRead(t, filepath.Join(sample, "src/server.ts")))
	for name, files := range map[string]map[string]string{
		"suppressed": {"src/client.tsx": suppressed},
		"ignored":    {"src/client.tsx": client, ".wranglint.jsonc": `{"ignore": ["src/client.tsx"]}`},
		"off":        {"src/client.tsx": client, ".wranglint.jsonc": `{"rules": {"binding-name-case-mismatch": "off"}}`},
	} {
		files["wrangler.jsonc"], files["src/server.ts"] = config, server
		dir := tree(t, files)
		if out, stderr, code := runBinary(t, dir, "--fix", "--exit-non-zero-on-fix"); code != 0 || strings.Contains(stderr, "fixed") || !strings.Contains(out, "no problems found") {
			t.Errorf("%s: --fix changed something: exit %d\n%s%s", name, code, out, stderr)
		}
		if got := string(mustRead(t, filepath.Join(dir, "src/client.tsx"))); got != files["src/client.tsx"] {
			t.Errorf("%s: the client was rewritten:\n%s", name, got)
		}
	}
}
