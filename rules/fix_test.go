package rules

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/fix"
	"github.com/wranglint/wranglint/lint/project"
)

// Golden fix cases: testdata/fix/<case>/before is fixed (with the flags in
// <case>/flags) and must equal <case>/after byte for byte, file for file.
const fixRoot = "../testdata/fix"

func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	for rel, data := range readTree(t, from) {
		p := filepath.Join(to, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func fixCases(t *testing.T) []string {
	entries, err := os.ReadDir(fixRoot)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	if len(out) < 5 {
		t.Fatalf("only %d fix cases", len(out))
	}
	return out
}

func caseUnsafe(name string) bool {
	flags, _ := os.ReadFile(filepath.Join(fixRoot, name, "flags"))
	return strings.Contains(string(flags), "--unsafe-fixes")
}

func fixDir(t *testing.T, dir string, unsafe bool) *fix.Result {
	t.Helper()
	res, err := fix.Run(project.LoadOptions{Paths: []string{dir}, WorkDir: dir}, All(), lint.DefaultOptions(), unsafe)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestFixGolden(t *testing.T) {
	for _, name := range fixCases(t) {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			copyTree(t, filepath.Join(fixRoot, name, "before"), dir)
			res := fixDir(t, dir, caseUnsafe(name))
			if len(res.Fixed) == 0 {
				t.Fatal("the case fixes nothing")
			}
			if err := fix.Write(res); err != nil {
				t.Fatal(err)
			}
			// What the fixer saw in memory is what the disk now says: every
			// read goes through the overlay (a rename once left the removed
			// wrangler.json "shadowing" the new wrangler.jsonc).
			fresh := lintCaseWith(t, dir, All())
			if a, b := reportKeys(res.Remaining), reportKeys(fresh); !slices.Equal(a, b) {
				t.Errorf("the in-memory report after fixing differs from a fresh lint:\n%q\n%q", a, b)
			}
			got := readTree(t, dir)
			afterDir := filepath.Join(fixRoot, name, "after")
			if *update {
				os.RemoveAll(afterDir)
				copyTree(t, dir, afterDir)
				return
			}
			want := readTree(t, afterDir)
			for rel, w := range want {
				if !bytes.Equal(got[rel], w) {
					t.Errorf("%s differs from after/%s:\n%s", rel, rel, fix.UnifiedDiff("want", "got", w, got[rel]))
				}
			}
			for rel := range got {
				if _, ok := want[rel]; !ok {
					t.Errorf("unexpected file %s", rel)
				}
			}
			// Fixing the fixed tree again changes nothing.
			if again := fixDir(t, dir, caseUnsafe(name)); len(again.Fixed) != 0 {
				t.Errorf("not idempotent: a second --fix changes %v", again.Changed())
			}
		})
	}
}

// TestDiffAgreesWithFix applies the printed --diff with git apply and
// compares the result with what --fix writes.
func TestDiffAgreesWithFix(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed")
	}
	for _, name := range fixCases(t) {
		t.Run(name, func(t *testing.T) {
			viaDiff, viaFix := t.TempDir(), t.TempDir()
			before := filepath.Join(fixRoot, name, "before")
			copyTree(t, before, viaDiff)
			copyTree(t, before, viaFix)
			var patch bytes.Buffer
			fix.WriteDiff(&patch, fixDir(t, viaDiff, caseUnsafe(name)))
			cmd := exec.Command(git, "apply", "-p1", "-")
			cmd.Dir, cmd.Stdin = viaDiff, &patch
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("git apply: %v %s\n%s", err, out, patch.String())
			}
			if err := fix.Write(fixDir(t, viaFix, caseUnsafe(name))); err != nil {
				t.Fatal(err)
			}
			a, b := readTree(t, viaDiff), readTree(t, viaFix)
			for rel := range b {
				if !bytes.Equal(a[rel], b[rel]) {
					t.Errorf("%s: the diff and --fix disagree", rel)
				}
			}
		})
	}
}

// Safe mode never applies an unsafe fix.
func TestSafeModeLeavesUnsafeFixes(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, filepath.Join(fixRoot, "rename-binding", "before"), dir)
	if res := fixDir(t, dir, false); len(res.Fixed) != 0 {
		t.Fatalf("safe mode changed %v", res.Changed())
	}
}

// Many findings that fix at one place must converge in one pass.
func TestManyMissingMigrationsConverge(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "wrangler.jsonc"), manyMissingClasses(30), 0o644); err != nil {
		t.Fatal(err)
	}
	res := fixDir(t, dir, false)
	for _, d := range res.Remaining {
		if d.Rule == "missing-migration" {
			t.Fatalf("still missing after --fix: %s", d.Message)
		}
	}
	if !bytes.Contains(res.Fixed[filepath.Join(dir, "wrangler.jsonc")], []byte(`"C0", "C1", "C2"`)) {
		t.Fatal("one step should create every missing class")
	}
}

func TestTOMLKey(t *testing.T) {
	for in, want := range map[string]string{"staging": "staging", "": `""`, "a.b": `"a.b"`, "prod-1_x": "prod-1_x"} {
		if got := tomlKey(in); got != want {
			t.Errorf("tomlKey(%q) = %s, want %s", in, got, want)
		}
	}
}

// reportKeys renders findings without depending on file identity.
func reportKeys(ds []lint.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		p := d.Span.StartPos()
		out = append(out, fmt.Sprintf("%s:%d:%d %s %s", d.Span.File.Rel, p.Line, p.Col, d.Rule, d.Message))
	}
	return out
}

// A fix after which the project has an error it did not have is not
// applied: renaming the binding to what the client sends would collide
// with a KV binding of that name.
func TestFixThatIntroducesAnErrorIsRefused(t *testing.T) {
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
	write("wrangler.jsonc", `{
  "name": "coder", "main": "src/server.ts", "compatibility_date": "2025-10-01", "compatibility_flags": ["nodejs_compat"],
  "durable_objects": { "bindings": [{ "name": "CoderAgent", "class_name": "CoderAgent" }] },
  "kv_namespaces": [{ "binding": "coderagent", "id": "abc" }],
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["CoderAgent"] }]
}`)
	write("src/server.ts", `import { Agent, routeAgentRequest } from "agents";
export class CoderAgent extends Agent<Env> {}
export default { fetch: async (r: Request, env: Env) => (await routeAgentRequest(r, env)) ?? new Response(null) };
`)
	write("src/names.ts", "export const NAME = \"coderagent\";\n")
	write("src/client.tsx", `import { useAgent } from "agents/react";
import { NAME } from "./names";
export const App = () => useAgent({ agent: NAME });
`)
	res := fixDir(t, dir, true)
	if len(res.Fixed) != 0 {
		t.Fatalf("the rename was applied: %v", res.Changed())
	}
	if len(res.Refused) != 1 || !strings.Contains(res.Refused[0].Why, "would introduce an error") || !strings.Contains(res.Refused[0].Why, "duplicate-binding-name") {
		t.Fatalf("refused: %+v", res.Refused)
	}
	found := false
	for _, d := range res.Remaining {
		found = found || d.Rule == "binding-name-case-mismatch"
	}
	if !found {
		t.Fatal("the finding stays reported")
	}
}

// A safe fix that moves lines is not refused because another finding's
// message names a line that moved: findings are compared by their keys
// (the reproduction: missing-class-export's export line shifts the client
// a binding-name-case-mismatch message names from line 6 to 7).
func TestFixNotRefusedWhenAnotherFindingMoves(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, filepath.Join(fixRoot, "moved-finding", "before"), dir)
	res := fixDir(t, dir, false)
	if len(res.Refused) > 0 || len(res.Applied) != 1 {
		t.Fatalf("refused %v, applied %d", res.Refused, len(res.Applied))
	}
	var rules []string
	for _, d := range res.Remaining {
		rules = append(rules, d.Rule)
	}
	if !slices.Equal(rules, []string{"binding-name-case-mismatch"}) {
		t.Errorf("remaining %q", rules)
	}
}
