package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// The cache may never change a finding (issue 17 item 1, issue 14 item
// 4): after any edit, a run with the cache reports exactly what a run
// without it reports. The project below is a monorepo whose Workers' main
// modules reach their Durable Object classes through every way the
// resolver has: tsconfig paths inherited through extends (with a fallback
// list), package.json imports and a workspace package's exports, a file
// that may shadow a folder's index, folder and file links. Each edit
// moves a class out of (or back into) a main's reach, so a cache that
// missed one would report missing-class-export wrongly, or not at all.

// cacheProject is the state of the generated project: each switch picks
// one of two contents for one way of reaching a class.
type cacheProject struct {
	dir string
	on  map[string]bool
}

// edits are the switches, each with what it changes.
var edits = []string{
	"base-paths",      // tsconfig.base.json's @lib/* points at lib/ or lib2/
	"fallback-file",   // gen/impl.ts exists (first in @impl/*'s fallback list) or not
	"shadow",          // lib/impl.ts shadows lib/impl/index.ts or not
	"folder-link",     // workers/a/src/shared links to variants/good or variants/bad
	"file-link",       // workers/a/src/agent-link.ts links to good/agent.ts or bad/agent.ts
	"imports",         // workers/b/package.json's #agent is ./src/good.ts or ./src/bad.ts
	"exports",         // packages/kit's exports "." is ./good.ts or ./bad.ts (the agent name a client takes from it)
	"rename",          // lib/agent.ts is renamed lib/agent-old.ts (an unresolved import)
	"extends",         // workers/c/tsconfig.json extends tsconfig.base.json or tsconfig.alt.json
	"same-time-edit",  // workers/c/src/c.ts exports CAgent or CAgenx: same size, same modification time
	"touch-unrelated", // a file no run reads is rewritten: nothing may change (a replay)
	"config",          // workers/a/wrangler.jsonc declares one binding more
	"new-file",        // workers/b/src/extra.ts (a client of an unserved namespace) appears in a folder the resolver looked names up in
}

const goodAgent = "import { Agent } from \"agents\";\nexport class %s extends Agent {}\n"
const badAgent = "import { Agent } from \"agents\";\nexport class %sOld extends Agent {}\n"

func newCacheProject(t *testing.T) *cacheProject {
	p := &cacheProject{dir: t.TempDir(), on: map[string]bool{}}
	files := map[string]string{
		".git/HEAD":                 "ref: refs/heads/main\n",
		"package.json":              `{"name": "root", "private": true, "workspaces": ["workers/*", "packages/*"]}`,
		"tsconfig.base.json":        p.basePaths(),
		"tsconfig.alt.json":         `{"compilerOptions": {"baseUrl": ".", "paths": {"@lib/*": ["lib2/*"]}}}`,
		"lib/agent.ts":              fmt.Sprintf(goodAgent, "LibAgent"),
		"lib2/agent.ts":             fmt.Sprintf(badAgent, "LibAgent"),
		"impl/index.ts":             fmt.Sprintf(goodAgent, "ImplAgent"),
		"lib/impl/index.ts":         fmt.Sprintf(goodAgent, "ShadowAgent"),
		"variants/good/agent.ts":    fmt.Sprintf(goodAgent, "SharedAgent"),
		"variants/bad/agent.ts":     fmt.Sprintf(badAgent, "SharedAgent"),
		"variants/good/linked.ts":   fmt.Sprintf(goodAgent, "LinkedAgent"),
		"variants/bad/linked.ts":    fmt.Sprintf(badAgent, "LinkedAgent"),
		"packages/kit/package.json": p.kitPackage(),
		"packages/kit/good.ts":      "export const AGENT = \"bee-agent\";\n",
		"packages/kit/bad.ts":       "export const AGENT = \"bee-agnet\";\n",
		"unrelated/notes.txt":       "nothing reads this\n",

		"workers/a/wrangler.jsonc": p.configA(),
		"workers/a/tsconfig.json":  `{"extends": "../../tsconfig.base.json"}`,
		"workers/a/package.json":   `{"name": "a", "dependencies": {"agents": "0.2.30"}}`,
		"workers/a/src/index.ts": "export * from \"@lib/agent\";\nexport * from \"@impl/index\";\n" +
			"export * from \"./shared/agent\";\nexport * from \"./agent-link\";\nexport * from \"../../../lib/impl\";\n",

		"workers/b/wrangler.jsonc": config("b", "BeeAgent"),
		"workers/b/package.json":   p.importsB(),
		"workers/b/src/index.ts": "import { routeAgentRequest } from \"agents\";\nexport * from \"#agent\";\n" +
			"export default { fetch: (req: Request, env: unknown) => routeAgentRequest(req, env) };\n",
		"workers/b/src/client.tsx": "import { useAgent } from \"agents/react\";\nimport { AGENT } from \"kit\";\n" +
			"export function App() {\n  useAgent({ agent: AGENT });\n  return null;\n}\n",
		"workers/b/src/good.ts": fmt.Sprintf(goodAgent, "BeeAgent"),
		"workers/b/src/bad.ts":  fmt.Sprintf(badAgent, "BeeAgent"),

		"workers/c/wrangler.jsonc": config("c", "CAgent", "LibAgent"),
		"workers/c/tsconfig.json":  p.tsconfigC(),
		"workers/c/src/index.ts":   "export * from \"./c\";\nexport * from \"@lib/agent\";\n",
		"workers/c/src/c.ts":       p.cSource(),
	}
	for name, data := range files {
		writeFile(t, filepath.Join(p.dir, name), data)
	}
	p.link(t, "workers/a/src/shared", "../../../variants/good")
	p.link(t, "workers/a/src/agent-link.ts", "../../../variants/good/linked.ts")
	os.MkdirAll(filepath.Join(p.dir, "node_modules"), 0o755)
	p.link(t, "node_modules/kit", "../packages/kit")
	// Files start an hour old, as in a checkout: what the edits write is
	// then recent, and the racy-clean rule is exercised on those alone.
	old := time.Now().Add(-time.Hour)
	filepath.WalkDir(p.dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && d.Type()&os.ModeSymlink == 0 {
			os.Chtimes(path, old, old)
		}
		return nil
	})
	return p
}

func config(name string, classes ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "{\n  \"name\": %q,\n  \"main\": \"src/index.ts\",\n  \"compatibility_date\": \"2025-10-01\",\n  \"compatibility_flags\": [\"nodejs_compat\"],\n  \"durable_objects\": {\"bindings\": [\n", name)
	for i, c := range classes {
		sep := ","
		if i == len(classes)-1 {
			sep = ""
		}
		fmt.Fprintf(&b, "    {\"name\": %q, \"class_name\": %q}%s\n", c, c, sep)
	}
	fmt.Fprintf(&b, "  ]},\n  \"migrations\": [{\"tag\": \"v1\", \"new_sqlite_classes\": [%s]}]\n}\n", `"`+strings.Join(classes, `", "`)+`"`)
	return b.String()
}

func (p *cacheProject) basePaths() string {
	lib := "lib/*"
	if p.on["base-paths"] {
		lib = "lib2/*"
	}
	return fmt.Sprintf(`{"compilerOptions": {"baseUrl": ".", "paths": {"@lib/*": [%q], "@impl/*": ["gen/*", "impl/*"]}}}`, lib)
}

func (p *cacheProject) kitPackage() string {
	target := "./good.ts"
	if p.on["exports"] {
		target = "./bad.ts"
	}
	return fmt.Sprintf(`{"name": "kit", "exports": {".": %q}}`, target)
}

func (p *cacheProject) importsB() string {
	target := "./src/good.ts"
	if p.on["imports"] {
		target = "./src/bad.ts"
	}
	return fmt.Sprintf(`{"name": "b", "dependencies": {"agents": "0.2.30", "kit": "workspace:*"}, "imports": {"#agent": %q}}`, target)
}

func (p *cacheProject) configA() string {
	classes := []string{"LibAgent", "ImplAgent", "SharedAgent", "LinkedAgent", "ShadowAgent"}
	if p.on["config"] {
		classes = append(classes, "ExtraAgent")
	}
	return config("a", classes...)
}

func (p *cacheProject) tsconfigC() string {
	if p.on["extends"] {
		return `{"extends": "../../tsconfig.alt.json"}`
	}
	return `{"extends": "../../tsconfig.base.json"}`
}

func (p *cacheProject) cSource() string {
	name := "CAgent"
	if p.on["same-time-edit"] {
		name = "CAgenx"
	}
	return fmt.Sprintf(goodAgent, name)
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (p *cacheProject) link(t *testing.T, name, target string) {
	t.Helper()
	path := filepath.Join(p.dir, name)
	// as `ln -sfn`: a new link renamed over the old one
	tmp := path + ".new"
	if err := os.Symlink(target, tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// flip turns one switch and changes the files it decides.
func (p *cacheProject) flip(t *testing.T, edit string) {
	t.Helper()
	p.on[edit] = !p.on[edit]
	on := p.on[edit]
	path := func(name string) string { return filepath.Join(p.dir, name) }
	switch edit {
	case "base-paths":
		writeFile(t, path("tsconfig.base.json"), p.basePaths())
	case "fallback-file":
		if on {
			writeFile(t, path("gen/index.ts"), fmt.Sprintf(badAgent, "ImplAgent"))
		} else {
			os.RemoveAll(path("gen"))
		}
	case "shadow":
		if on {
			writeFile(t, path("lib/impl.ts"), fmt.Sprintf(badAgent, "ShadowAgent"))
		} else {
			os.Remove(path("lib/impl.ts"))
		}
	case "folder-link":
		target := "../../../variants/good"
		if on {
			target = "../../../variants/bad"
		}
		p.link(t, "workers/a/src/shared", target)
	case "file-link":
		target := "../../../variants/good/linked.ts"
		if on {
			target = "../../../variants/bad/linked.ts"
		}
		p.link(t, "workers/a/src/agent-link.ts", target)
	case "imports":
		writeFile(t, path("workers/b/package.json"), p.importsB())
	case "exports":
		writeFile(t, path("packages/kit/package.json"), p.kitPackage())
	case "rename":
		from, to := path("lib/agent.ts"), path("lib/agent-old.ts")
		if !on {
			from, to = to, from
		}
		if err := os.Rename(from, to); err != nil {
			t.Fatal(err)
		}
	case "extends":
		writeFile(t, path("workers/c/tsconfig.json"), p.tsconfigC())
	case "same-time-edit":
		f := path("workers/c/src/c.ts")
		info, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, f, p.cSource())
		os.Chtimes(f, info.ModTime(), info.ModTime())
	case "touch-unrelated":
		writeFile(t, path("unrelated/notes.txt"), fmt.Sprintf("nothing reads this (%v)\n", on))
	case "config":
		writeFile(t, path("workers/a/wrangler.jsonc"), p.configA())
	case "new-file":
		if on {
			writeFile(t, path("workers/b/src/extra.ts"), "export const socket = () => new WebSocket(\"/agents/bee-agnet/default\");\n")
		} else {
			os.Remove(path("workers/b/src/extra.ts"))
		}
	default:
		t.Fatalf("no edit %q", edit)
	}
}

// lintResult is what a run printed, without --stats' own lines.
type lintResult struct {
	stdout, stderr string
	code           int
	replayed       bool
}

func (r lintResult) same(o lintResult) bool {
	return r.stdout == o.stdout && r.stderr == o.stderr && r.code == o.code
}

func cleanStats(stdout, stderr string, code int) lintResult {
	r := lintResult{stdout: stdout, code: code}
	var kept []string
	for _, line := range strings.SplitAfter(stderr, "\n") {
		if strings.HasPrefix(line, "up to date:") {
			r.replayed = true
		}
		if strings.HasPrefix(line, "up to date:") || strings.HasPrefix(line, "a full run:") || strings.HasPrefix(line, "workers ") {
			break // --stats: the rest is timings
		}
		kept = append(kept, line)
	}
	r.stderr = strings.Join(kept, "")
	return r
}

// lintInProcess and lintBinary run the lint of p with the cache in
// cacheDir, or without any cache when cacheDir is "".
func lintInProcess(p *cacheProject, cacheDir string) lintResult {
	args := []string{"--stats", "--format", "json"}
	if cacheDir == "" {
		args = append(args, "--no-cache")
	} else {
		args = append(args, "--cache-dir", cacheDir)
	}
	var out, errb bytes.Buffer
	code := run(append(args, p.dir), &out, &errb)
	return cleanStats(out.String(), errb.String(), code)
}

func lintBinary(t *testing.T, p *cacheProject, cacheDir string) lintResult {
	args := []string{"--stats", "--format", "json"}
	if cacheDir == "" {
		args = append(args, "--no-cache")
	} else {
		args = append(args, "--cache-dir", cacheDir)
	}
	out, errb, code := runBinary(t, p.dir, append(args, ".")...)
	return cleanStats(out, errb, code)
}

// checkStep lints p with and without the cache, in-process and (with
// viaBinary) through the binary, and fails when they differ; it returns
// how many cached runs were replays.
func checkStep(t *testing.T, p *cacheProject, cacheDir, what string, viaBinary bool) int {
	t.Helper()
	replays := 0
	fresh := lintInProcess(p, "")
	for round := range 2 { // the first after the edit, then one more with nothing changed
		cached := lintInProcess(p, cacheDir)
		if !cached.same(fresh) {
			t.Fatalf("%s (in-process, run %d after it, replayed %v): the cached run differs from --no-cache\ncached: exit %d\n%s%s\nno cache: exit %d\n%s%s",
				what, round+1, cached.replayed, cached.code, cached.stdout, cached.stderr, fresh.code, fresh.stdout, fresh.stderr)
		}
		if cached.replayed {
			replays++
		}
	}
	if viaBinary {
		freshBin := lintBinary(t, p, "")
		for round := range 2 {
			cached := lintBinary(t, p, cacheDir)
			if !cached.same(freshBin) {
				t.Fatalf("%s (binary, run %d after it, replayed %v): the cached run differs from --no-cache\ncached: exit %d\n%s%s\nno cache: exit %d\n%s%s",
					what, round+1, cached.replayed, cached.code, cached.stdout, cached.stderr, freshBin.code, freshBin.stdout, freshBin.stderr)
			}
			if cached.replayed {
				replays++
			}
		}
	}
	return replays
}

// TestCacheNeverChangesAFinding is issue 17's property: over random
// sequences of edits, a cached run (a replay or a run from cached facts)
// reports what --no-cache reports, after every step.
func TestCacheNeverChangesAFinding(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the edits make symbolic links")
	}
	steps := 24
	if testing.Short() {
		steps = 8
	}
	p := newCacheProject(t)
	cacheDir := t.TempDir()
	replays := checkStep(t, p, cacheDir, "the generated project", true)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 17))
	seed := rng.Uint64()
	rng = rand.New(rand.NewPCG(seed, 17))
	var done []string
	for range steps {
		e := edits[rng.IntN(len(edits))]
		p.flip(t, e)
		done = append(done, e)
		replays += checkStep(t, p, cacheDir, fmt.Sprintf("after %s (seed %d)", strings.Join(done, ", "), seed), true)
	}
	if replays == 0 {
		t.Error("no cached run was a replay: the up-to-date check was never exercised")
	}
}

// TestCacheIssue17 is each of issue 17's reproductions: an edit after
// which a cached run once reported nothing where --no-cache reports
// missing-class-export (or, for a package's exports, unroutable-agent-url).
// Each edit must change the findings (or the reproduction proves
// nothing), and the cached run must follow.
func TestCacheIssue17(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the edits make symbolic links")
	}
	for _, e := range []string{"base-paths", "fallback-file", "shadow", "folder-link", "file-link", "imports", "exports", "extends", "same-time-edit", "new-file"} {
		t.Run(e, func(t *testing.T) {
			p := newCacheProject(t)
			cacheDir := t.TempDir()
			before := lintInProcess(p, "")
			if before.code != 0 {
				t.Fatalf("the generated project has findings before any edit:\n%s", before.stdout)
			}
			checkStep(t, p, cacheDir, "before", true)
			p.flip(t, e)
			after := lintInProcess(p, "")
			if after.same(before) || !strings.Contains(after.stdout, "missing-class-export") && !strings.Contains(after.stdout, "unroutable-agent-url") {
				t.Fatalf("the edit %s changes no finding:\n%s", e, after.stdout)
			}
			checkStep(t, p, cacheDir, "after "+e, true)
		})
	}
}

// FuzzCacheEdits runs the property over edit sequences the fuzzer picks
// (each byte is an edit), in-process: go test ./cmd/wranglint -run XXX
// -fuzz FuzzCacheEdits -fuzztime 10m.
func FuzzCacheEdits(f *testing.F) {
	if runtime.GOOS == "windows" {
		f.Skip("the edits make symbolic links")
	}
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
	f.Add([]byte{2, 2, 7, 0, 7, 3, 3, 4})
	f.Fuzz(func(t *testing.T, seq []byte) {
		if len(seq) > 16 {
			seq = seq[:16]
		}
		p := newCacheProject(t)
		cacheDir := t.TempDir()
		checkStep(t, p, cacheDir, "the generated project", false)
		var done []string
		for _, b := range seq {
			e := edits[int(b)%len(edits)]
			p.flip(t, e)
			done = append(done, e)
			checkStep(t, p, cacheDir, "after "+strings.Join(done, ", "), false)
		}
	})
}
