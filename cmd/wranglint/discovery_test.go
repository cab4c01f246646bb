package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A repository with no Worker config has nothing to lint: exit 2 at once,
// without scanning its scripts (a broken one included) — issue 16's
// openagents reproduction, where 4,483 files were scanned for 36 s and a
// syntax error in a tooling script no Worker imports failed the run.
func TestNoConfigDoesNotScan(t *testing.T) {
	dir := t.TempDir()
	must(t, os.Mkdir(filepath.Join(dir, ".git"), 0o755))
	write(t, dir, ".agents/workflows/review-round.js", "export const x = ;\n")
	for i := 0; i < 200; i++ {
		write(t, dir, filepath.Join("src", "m"+itoa(i)+".ts"), "import { useAgent } from 'agents/react';\nexport const a"+itoa(i)+": number = 1;\n")
	}
	start := time.Now()
	out, errOut, code := runBinary(t, dir, "--color", "never", "--verbose")
	if code != 2 || !strings.Contains(out, "no wrangler.json") || strings.Contains(out, "syntax-error") {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "0 Worker config(s), 0 file(s) scanned") {
		t.Errorf("scripts were scanned with no Worker to lint: %s", errOut)
	}
	if time.Since(start) > 30*time.Second {
		t.Errorf("took %v", time.Since(start))
	}
}

// A script outside every module graph that does not parse is front-end or
// tooling code: not a syntax-error finding, but listed by --verbose.
func TestUnparsedClientIsSkippedNotReported(t *testing.T) {
	dir := copyCoderagent(t)
	write(t, dir, "scripts/broken.tsx", "import { useAgent } from 'agents/react';\nexport const C = () => useAgent({ agent: \n")
	out, errOut, code := runBinary(t, dir, "--color", "never", "--verbose")
	if code != 1 || strings.Contains(out, "syntax-error") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if !strings.Contains(errOut, "scripts/broken.tsx") || !strings.Contains(errOut, "does not parse") {
		t.Errorf("--verbose does not list the unparsed file:\n%s", errOut)
	}
}

// Run in a subfolder of a Worker (cd src && wranglint), the Worker above
// is linted, as wrangler finds the config above.
func TestSubfolderRunLintsTheEnclosingWorker(t *testing.T) {
	dir := copyCoderagent(t)
	out, _, code := runBinary(t, filepath.Join(dir, "src"), "--color", "never")
	if code != 1 || !strings.Contains(out, "binding-name-case-mismatch") || !strings.Contains(out, "../wrangler.jsonc:11:17") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

// copyCoderagent copies the CoderAgent sample into a fresh repository.
func copyCoderagent(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	must(t, os.Mkdir(filepath.Join(dir, ".git"), 0o755))
	src, _ := filepath.Abs(sample)
	must(t, filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		write(t, dir, rel, string(data))
		return nil
	}))
	return dir
}

func itoa(i int) string { return strconv.Itoa(i) }

// A config committed to git and also listed in .gitignore is the
// repository's config all the same: tracked files are never ignored.
func TestTrackedConfigIsNotIgnored(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	write(t, dir, ".gitignore", "wrangler.toml\nsrc/generated/\n")
	write(t, dir, "wrangler.toml", "name = \"x\"\nmain = \"src/index.ts\"\ncompatibility_date = \"2025-01-01\"\ncompatibility_flags = [\"nodejs_compat\", \"nodejs_compat_v2\"]\n")
	write(t, dir, "src/index.ts", "export default { fetch() { return new Response(\"x\"); } };\n")
	for _, args := range [][]string{{"init", "-q"}, {"add", "-f", "wrangler.toml"}, {"add", "."}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v %s", args, err, out)
		}
	}
	out, _, code := runBinary(t, dir, "--color", "never")
	if code != 1 || !strings.Contains(out, "wrangler.toml:4:41") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

// A generated config that .gitignore hides (jkahn117/monorepo-starter's
// **/wrangler.toml, written from wrangler.config.ts) is not linted, but the
// "no config" error names it and its folder lints it.
func TestIgnoredConfigIsNamed(t *testing.T) {
	dir := t.TempDir()
	must(t, os.Mkdir(filepath.Join(dir, ".git"), 0o755))
	write(t, dir, ".gitignore", "**/wrangler.toml\n")
	write(t, dir, "apps/w/wrangler.toml", "name = \"w\"\nmain = \"src/index.ts\"\ncompatibility_date = \"2025-01-01\"\n")
	write(t, dir, "apps/w/src/index.ts", "export default { fetch() { return new Response(\"x\"); } };\n")
	out, _, code := runBinary(t, dir, "--color", "never")
	if code != 2 || !strings.Contains(out, "apps/w/wrangler.toml is git-ignored, so it was skipped: give its folder to lint it") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if out, _, code := runBinary(t, filepath.Join(dir, "apps", "w"), "--color", "never"); code != 0 {
		t.Fatalf("its folder: exit %d:\n%s", code, out)
	}
}

// Configs kept under other names are Worker configs too: one a
// package.json script passes with -c, and wrangler.<x>.jsonc beside the
// code (the golden case other-config-names has the findings).
func TestOtherConfigNamesAreFound(t *testing.T) {
	out, _, code := runBinary(t, "../../testdata/cases/other-config-names", "--color", "never", "--format", "json")
	if code != 1 || !strings.Contains(out, `"file": "wrangler.data.jsonc"`) || !strings.Contains(out, `"file": "deploy/prod.toml"`) || strings.Contains(out, "wrangler.schema.json") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

// Whether a config only runs tests does not depend on where the run
// starts: inside the harness folder (named by a vitest config above it)
// or inside a test folder, the findings a deploy would need stay away.
func TestTestHarnessFromInside(t *testing.T) {
	dir := t.TempDir()
	must(t, os.Mkdir(filepath.Join(dir, ".git"), 0o755))
	src, _ := filepath.Abs("../../testdata/cases/vitest-harness")
	must(t, filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err == nil {
			write(t, dir, rel, string(data))
		}
		return err
	}))
	for _, sub := range []string{"harness", "test"} {
		out, _, code := runBinary(t, filepath.Join(dir, sub), "--color", "never")
		if code != 0 || strings.Contains(out, "missing-migration") {
			t.Errorf("run in %s/: exit %d\n%s", sub, code, out)
		}
	}
}
