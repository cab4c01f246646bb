package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint"
)

// One fix (a migration, which every environment inherits) settles the
// missing migration of three environments' bindings: the count is of what
// went away, not of fixes applied.
func TestFixCountsWhatWentAway(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "wrangler.jsonc", `{
  "name": "mm",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "durable_objects": { "bindings": [{ "name": "C", "class_name": "C" }] },
  "env": {
    "staging": { "durable_objects": { "bindings": [{ "name": "C", "class_name": "C" }] } },
    "production": { "durable_objects": { "bindings": [{ "name": "C", "class_name": "C" }] } }
  }
}
`)
	write(t, dir, "src/index.ts", "import { DurableObject } from \"cloudflare:workers\";\nexport class C extends DurableObject {}\nexport default { fetch: () => new Response(\"x\") };\n")
	out, errOut, code := runBinary(t, dir, "--fix")
	if code != 0 || !strings.Contains(out, "no problems found") || errOut != "fixed 3 findings in 1 file (3 before, 0 remaining)\n" {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
}

func TestQuietOutputFileExitZero(t *testing.T) {
	dir := copySample(t)
	out, errOut, code := runBinary(t, dir, "--quiet")
	if code != 1 || !strings.Contains(out, "[binding-name-case-mismatch]") || strings.Contains(out, "1 error in 1 file") || errOut != "" {
		t.Errorf("--quiet prints the findings alone: exit %d\n%q\n%q", code, out, errOut)
	}
	if out, _, _ := runBinary(t, dir, "-q", "--format", "github"); strings.Contains(out, "1 error in 1 file") || !strings.HasPrefix(out, "::error ") {
		t.Errorf("--quiet --format github: annotations alone:\n%s", out)
	}
	report := filepath.Join(dir, "reports", "wranglint.json")
	must(t, os.MkdirAll(filepath.Dir(report), 0o755))
	out, _, code = runBinary(t, dir, "--format", "json", "--output-file", report, "--color", "auto")
	var rep struct {
		Diagnostics []struct{ Rule, URL string }
	}
	if code != 1 || out != "" || json.Unmarshal(mustRead(t, report), &rep) != nil || len(rep.Diagnostics) != 1 ||
		rep.Diagnostics[0].URL != lint.DocsURL("binding-name-case-mismatch") {
		t.Errorf("--output-file: exit %d, stdout %q, file %s", code, out, mustRead(t, report))
	}
	if _, _, code := runBinary(t, dir, "-o", report); code != 1 || strings.Contains(string(mustRead(t, report)), "\x1b[") {
		t.Errorf("a report file is not coloured: exit %d", code)
	}
	if _, errOut, code := runBinary(t, dir, "-o", filepath.Join(dir, "no-such-folder", "r.txt")); code != 2 || !strings.Contains(errOut, "--output-file") {
		t.Errorf("an unwritable report file exits 2: %d %q", code, errOut)
	}
	if out, _, code := runBinary(t, dir, "--exit-zero"); code != 0 || !strings.Contains(out, "1 error in 1 file") {
		t.Errorf("--exit-zero reports and exits 0: %d\n%s", code, out)
	}
	if _, _, code := runBinary(t, dir, "--exit-zero", "--diff"); code != 0 {
		t.Errorf("--exit-zero --diff: exit %d", code)
	}
	if _, _, code := runBinary(t, "../../testdata/cases/syntax-jsonc", "--exit-zero"); code != 2 {
		t.Errorf("--exit-zero still exits 2 when a file cannot be parsed: %d", code)
	}
}

func TestStatisticsFlag(t *testing.T) {
	out, _, code := runBinary(t, sample, "--statistics")
	if code != 1 || !strings.HasPrefix(out, "    1  binding-name-case-mismatch  error    1 fixable\n") || !strings.HasSuffix(out, "1 error in 1 file\n") {
		t.Errorf("--statistics: exit %d\n%q", code, out)
	}
	out, _, _ = runBinary(t, sample, "--statistics", "--format", "json")
	var st struct {
		Statistics []struct {
			Rule    string
			Count   int
			Fixable int
		}
	}
	if err := json.Unmarshal([]byte(out), &st); err != nil || len(st.Statistics) != 1 || st.Statistics[0].Count != 1 || st.Statistics[0].Fixable != 1 {
		t.Errorf("--statistics --format json: %v\n%s", err, out)
	}
	if out, _, _ := runBinary(t, sample, "--statistics", "--format", "github"); !strings.Contains(out, "| [`binding-name-case-mismatch`](") {
		t.Errorf("--statistics --format github is the job summary's Markdown:\n%s", out)
	}
}

func TestOutputFlagConflicts(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--statistics", "--format", "sarif"}, "--statistics prints counts per rule as text, json, github, not as sarif"},
		{[]string{"--statistics", "--diff"}, "--statistics counts findings and --diff prints the fixes' diff"},
		{[]string{"--watch", "--fix"}, "--watch does not go with --fix or --diff"},
		{[]string{"--exit-zero", "--fix", "--exit-non-zero-on-fix"}, "--exit-zero and --exit-non-zero-on-fix ask for opposite exit codes"},
	} {
		_, stderr, code := runBinary(t, sample, c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want 2 and %q", c.args, code, stderr, c.want)
		}
	}
}

func TestColourChoices(t *testing.T) {
	if out, _, _ := runWithEnv(t, sample, []string{"FORCE_COLOR=0"}); strings.Contains(out, "\x1b[") {
		t.Error("FORCE_COLOR=0 does not colour")
	}
	if out, _, _ := runWithEnv(t, sample, []string{"FORCE_COLOR=1"}); !strings.Contains(out, "\x1b[") {
		t.Error("FORCE_COLOR=1 colours")
	}
	out, _, code := runBinary(t, sample, "--diff", "--color", "always")
	if code != 1 || !strings.Contains(out, "\x1b[31m-  const agent = useAgent({ agent: \"coderagent\"") || !strings.Contains(out, "\x1b[32m+  const agent") {
		t.Errorf("--diff --color always colours removed and added lines:\n%q", out)
	}
	if out, _, _ := runBinary(t, sample, "--diff"); strings.Contains(out, "\x1b[") {
		t.Error("--diff into a pipe is not coloured")
	}
}

func TestExplainWithoutRuleListsThem(t *testing.T) {
	out, errOut, code := runBinary(t, sample, "explain")
	if code != 0 || !strings.Contains(out, "binding-name-case-mismatch") || !strings.Contains(out, "unused-suppression") || !strings.Contains(errOut, "wranglint explain RULE") {
		t.Errorf("explain alone lists the rules: exit %d\n%s%s", code, out, errOut)
	}
}

// Renaming wrangler.json breaks whatever passes -c wrangler.json: the fix
// is unsafe, applied with --unsafe-fixes only.
func TestJSONRenameIsUnsafe(t *testing.T) {
	dir, _ := copyFixture(t, "json-rename")
	out, _, code := runBinary(t, dir, "--fix")
	if code != 0 || !strings.Contains(out, "rename wrangler.json to wrangler.jsonc (then update what passes -c wrangler.json) (unsafe)") {
		t.Errorf("--fix alone: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "wrangler.json")); err != nil {
		t.Errorf("--fix alone renamed wrangler.json: %v", err)
	}
	if _, _, code := runBinary(t, dir, "--fix", "--unsafe-fixes"); code != 0 {
		t.Errorf("--fix --unsafe-fixes: exit %d", code)
	}
	if _, err := os.Stat(filepath.Join(dir, "wrangler.jsonc")); err != nil {
		t.Errorf("--unsafe-fixes renames it: %v", err)
	}
}

// A suppression in a file whose rules never ran (it does not parse) is
// not judged: nothing says it is unused. The same comment in a file that
// parses is reported, so the test can fail.
func TestNoUnusedSuppressionInUnparsedFiles(t *testing.T) {
	const comment = "// wranglint-disable-next-line unroutable-agent-url -- a staging agent\n"
	dir := tree(t, map[string]string{
		"wrangler.jsonc": "{\n  \"name\": \"sx\",\n  \"main\": \"src/index.ts\",\n  \"compatibility_date\": \"2025-10-01\"\n}\n",
		// in main's module graph: its syntax error is reported
		"src/index.ts": comment + "export default { fetch() { return new Response(\"\") } ;\n",
		// outside every graph: skipped, not reported
		"src/client.tsx": comment + "export const y = (;\nexport const c = () => useAgent({ agent: \"chat\" });\n",
		"src/other.tsx":  comment + "export const z = 1;\nexport const c = () => useAgent({ agent: \"chat\" });\n",
	})
	out, _, code := runBinary(t, dir, "--format", "json")
	var rep struct {
		Diagnostics []struct{ Rule, File string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range rep.Diagnostics {
		got = append(got, d.File+" "+d.Rule)
	}
	want := "src/index.ts syntax-error,src/other.tsx unused-suppression"
	if code != 2 || strings.Join(got, ",") != want {
		t.Errorf("exit %d, findings %q, want %q", code, got, want)
	}
}

// Shell completion is cobra's completion command, as the README shows.
func TestShellCompletion(t *testing.T) {
	for shell, want := range map[string]string{"bash": "__start_wranglint", "zsh": "#compdef wranglint", "fish": "complete -c wranglint", "powershell": "Register-ArgumentCompleter"} {
		out, _, code := runBinary(t, sample, "completion", shell)
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("completion %s: exit %d, no %q", shell, code, want)
		}
	}
	if out, _, _ := runBinary(t, sample, "__complete", "--sta"); !strings.Contains(out, "--statistics") || !strings.Contains(out, "--stats") {
		t.Errorf("flags complete:\n%s", out)
	}
}
