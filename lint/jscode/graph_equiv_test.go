package jscode

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint/resolve"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// The graphs built from per-file facts (BuildGraph) against esbuild's
// bundler (esbuild_graph_test.go), over every main of the golden cases
// and samples, over synthetic projects for each resolution rule, and, when
// WRANGLINT_GRAPH_EQUIV names folders (separated by the list separator),
// over real repositories:
//
//	WRANGLINT_GRAPH_EQUIV=/work/eval/repos/agents go test ./lint/jscode -run TestGraphEquivalenceRepos -v

// findMains lists the mains of every wrangler config below the roots, per
// environment, as the loader finds them.
func findMains(t testing.TB, roots ...string) []ModuleRequest {
	t.Helper()
	fs := source.NewFileSet(roots[0], nil, nil)
	d := fs.Discover(roots)
	seen := map[string]bool{}
	var out []ModuleRequest
	for _, path := range d.Configs {
		f, err := fs.ReadLimited(path, 4<<20)
		if err != nil {
			continue
		}
		var root *wrangler.Node
		if strings.HasSuffix(path, ".toml") {
			root, err = wrangler.ParseTOML(f)
		} else {
			root, err = wrangler.ParseJSONC(f)
		}
		if err != nil {
			continue
		}
		c := wrangler.NewConfig(f, root)
		for _, e := range c.Envs {
			m, _ := e.Main()
			if m == "" {
				continue
			}
			if !filepath.IsAbs(m) {
				m = filepath.Join(c.Dir, filepath.FromSlash(m))
			}
			m = filepath.Clean(m)
			if !seen[m] {
				seen[m] = true
				out = append(out, ModuleRequest{Main: m, ProjectDir: c.Dir})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Main < out[j].Main })
	return out
}

// graphDiff describes how two graphs of the same main differ ("" when
// they do not): esbuild's (after the project's classification of its
// problems) and the facts' one.
func graphDiff(old, cur *Module) string {
	var b strings.Builder
	if old.Exists != cur.Exists || old.Built != cur.Built {
		fmt.Fprintf(&b, "  exists/built: esbuild %v/%v, facts %v/%v\n", old.Exists, old.Built, cur.Exists, cur.Built)
	}
	if d := listDiff(old.Exports, cur.Exports); d != "" {
		fmt.Fprintf(&b, "  exports: %s\n", d)
	}
	if d := listDiff(old.Inputs, cur.Inputs); d != "" {
		fmt.Fprintf(&b, "  inputs: %s\n", d)
	}
	if !reflect.DeepEqual(old.External, cur.External) {
		fmt.Fprintf(&b, "  external: %s\n", listDiff(externalList(old.External), externalList(cur.External)))
	}
	if d := listDiff(problemList(old.Problems), problemList(cur.Problems)); d != "" {
		fmt.Fprintf(&b, "  problems: %s\n", d)
	}
	return b.String()
}

func externalList(m map[string]string) []string {
	var out []string
	for k, v := range m {
		out = append(out, k+" <- "+v)
	}
	sort.Strings(out)
	return out
}

func problemList(ps []BuildProblem) []string {
	var out []string
	for _, p := range ps {
		where := "(no place)"
		if p.Span.Valid() {
			where = fmt.Sprintf("%s:%d-%d", p.Span.File.Path, p.Span.Start, p.Span.End)
		}
		// Syntax (a flag esbuild's problems lack) is not compared: the span
		// and text say the same.
		out = append(out, fmt.Sprintf("%s %q resolve=%v target=%s", where, p.Text, p.Resolve, p.Target))
	}
	sort.Strings(out)
	return out
}

// listDiff says what only one of two sorted lists holds.
func listDiff(a, b []string) string {
	in := func(l []string) map[string]bool {
		m := map[string]bool{}
		for _, x := range l {
			m[x] = true
		}
		return m
	}
	ma, mb := in(a), in(b)
	var onlyA, onlyB []string
	for _, x := range a {
		if !mb[x] {
			onlyA = append(onlyA, x)
		}
	}
	for _, x := range b {
		if !ma[x] {
			onlyB = append(onlyB, x)
		}
	}
	if len(onlyA) == 0 && len(onlyB) == 0 {
		return ""
	}
	return fmt.Sprintf("only esbuild %q; only facts %q", onlyA, onlyB)
}

// compareGraphs builds every request both ways and returns the
// differences by main, each with the causes explain finds.
func compareGraphs(reqs []ModuleRequest, workDir string) map[string]string {
	old := esbuildLoadModules(reqs, source.NewFileSet(workDir, nil, nil))
	for _, m := range old {
		for i := range m.Problems {
			classifyBuildProblem(&m.Problems[i])
		}
	}
	// As LoadModules, keeping the facts for explain.
	fs := source.NewFileSet(workDir, nil, nil)
	r := resolve.New(fs)
	facts := ScanGraphs(r, reqs, func(path string) (*SourceFacts, error) {
		f, err := fs.Read(path)
		if err != nil {
			return nil, err
		}
		return ScanSource(f), nil
	})
	diffs := map[string]string{}
	for i, req := range reqs {
		cur := BuildGraph(r, req, facts)
		if d := graphDiff(old[i], cur); d != "" {
			diffs[req.Main] = d + explain(old[i], cur, facts)
		}
	}
	return diffs
}

// explain names the known causes of a difference, one line each: esbuild's
// metafile listing imports TypeScript drops, the automatic JSX runtime,
// esbuild's own runtime, named imports esbuild's linker checks.
func explain(old, cur *Module, facts FactsFunc) string {
	causes := map[string]bool{}
	imports := func(file, spec string) bool {
		sf, _ := facts(file)
		if sf == nil {
			return false
		}
		for _, rec := range sf.Imports {
			if rec.Spec == spec {
				return true
			}
		}
		return false
	}
	for spec, from := range old.External {
		if cur.External[spec] == from {
			continue
		}
		switch {
		case spec == "<runtime>":
			causes["esbuild's runtime helpers (decorators, lowering) are listed as an import"] = true
		case strings.HasSuffix(spec, "/jsx-runtime") || strings.HasSuffix(spec, "/jsx-dev-runtime"):
			causes["the automatic JSX runtime (tsconfig \"jsx\": \"react-jsx\") is imported by files with JSX: no fact says which files have JSX"] = true
		case !imports(from, spec):
			causes["esbuild's metafile lists imports TypeScript drops (unused, or used as types only) as external; the bundle does not import them"] = true
		}
	}
	for _, p := range old.Problems {
		if strings.HasPrefix(p.Text, "No matching export") {
			causes["esbuild's linker rejects a named import the module does not export: the facts carry no imported names"] = true
		}
	}
	var out strings.Builder
	for _, c := range source.SortedKeys(causes) {
		out.WriteString("  cause: " + c + "\n")
	}
	return out.String()
}

func TestGraphEquivalenceTestdata(t *testing.T) {
	root, _ := filepath.Abs("../../testdata")
	var roots []string
	for _, pattern := range []string{"cases/*", "fix/*/before", "coderagent", "bench"} {
		m, _ := filepath.Glob(filepath.Join(root, pattern))
		roots = append(roots, m...)
	}
	var reqs []ModuleRequest
	for _, r := range roots {
		reqs = append(reqs, findMains(t, r)...)
	}
	if len(reqs) < 60 {
		t.Fatalf("only %d mains under testdata", len(reqs))
	}
	diffs := compareGraphs(reqs, root)
	for _, main := range source.SortedKeys(diffs) {
		t.Errorf("%s:\n%s", main, diffs[main])
	}
	t.Logf("%d mains compared, %d differ", len(reqs), len(diffs))
}

// TestGraphEquivalenceRepos compares the graphs of every main of real
// repositories (read only), and lists every difference.
func TestGraphEquivalenceRepos(t *testing.T) {
	env := os.Getenv("WRANGLINT_GRAPH_EQUIV")
	if env == "" {
		t.Skip("set WRANGLINT_GRAPH_EQUIV to folders to compare")
	}
	for _, root := range filepath.SplitList(env) {
		reqs := findMains(t, root)
		diffs := compareGraphs(reqs, root)
		for _, main := range source.SortedKeys(diffs) {
			t.Logf("%s:\n%s", main, diffs[main])
		}
		t.Logf("%s: %d mains compared, %d differ", root, len(reqs), len(diffs))
	}
}

// writeProject writes files below a new folder (real path); "->x" makes a
// symbolic link to x.
func writeProject(t *testing.T, files map[string]string) string {
	t.Helper()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if target, ok := strings.CutPrefix(body, "->"); ok {
			if err := os.Symlink(filepath.FromSlash(target), p); err != nil && !errors.Is(err, os.ErrExist) {
				t.Skip(err)
			}
			continue
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestGraphEquivalenceRules: one small project per resolution and export
// rule, each main built both ways.
func TestGraphEquivalenceRules(t *testing.T) {
	projects := map[string]map[string]string{
		"extensions and rewriting": {
			"src/index.ts": `import "./a"; import "./b.js"; import "./c"; import "./d.mjs"; import "./dir"; import "./pkgdir"; import "./data.json"; import "./page.html"; import "./logo.png"; import "./q.txt?raw"; import "./m.wasm";
export { x } from "./a"; export default {};`,
			"src/a.ts": "export const x = 1", "src/a.js": "", "src/b.ts": "", "src/c.jsx": "", "src/d.mts": "",
			"src/dir/index.tsx": "", "src/pkgdir/package.json": `{"module": "./esm/index.js", "main": "./cjs/index.js"}`,
			"src/pkgdir/esm/index.js": "", "src/data.json": `{"a": 1}`, "src/page.html": "<p>", "src/logo.png": "png", "src/q.txt": "x", "src/m.wasm": "",
		},
		"externals": {
			"src/index.ts": `import "agents"; import { env } from "cloudflare:workers"; import fs from "node:fs"; import path from "path"; import "https://esm.sh/x"; import "#internal"; import "@scope/pkg/sub";
export default { fetch() { return new Response(String([env, fs, path])) } }`,
			"src/other.ts": `import "agents"`,
			"package.json": `{"name": "app", "imports": {"#internal": "some-package"}}`,
		},
		"tsconfig paths, baseUrl and extends": {
			"tsconfig.base.json": `{"compilerOptions": {"paths": {"@/*": ["./src/*", "./gen/*"], "@lib": ["./lib/index.ts"]}}}`,
			"apps/w/tsconfig.json": `{
  // extends a base, as monorepos do
  "extends": "../../tsconfig.base.json",
}`,
			"apps/w/src/index.ts": `import "@/a"; import "@/g"; import "@lib"; import "@/missing"; export * from "@/a";`,
			"src/a.ts":            "export const A = 1", "gen/g.ts": "", "lib/index.ts": "",
			"b/tsconfig.json": `{"compilerOptions": {"baseUrl": "src"}}`,
			"b/src/index.ts":  `import "util"; import "nothere"; export const u = 1`, "b/src/util.ts": "",
		},
		"export star chains": {
			"src/index.ts":  `export * from "./a"; export * from "./b"; export * from "./cycle"; export const local = 1; export default class Main {}`,
			"src/a.ts":      `export * from "./c"; export const x = 1; export default 2`,
			"src/b.ts":      `export * from "./c"; export * from "pkg"; export { y as why } from "./c"; export * as ns from "./c"`,
			"src/c.ts":      `export const x = 2, y = 3; export default 1; export class C {}`,
			"src/cycle.ts":  `export * from "./cycle2"; export function f() {}`,
			"src/cycle2.ts": `export * from "./cycle"; export function g() {}`,
		},
		"default exports": {
			"a/index.ts": `export default function named() {}`,
			"b/index.ts": `export default class {}`,
			"c/index.ts": `const x = 1; export default x; export const { p, q: [r] } = { p: 1, q: [2] };`,
			"d/index.ts": `export { v as default } from "./v"; export type { T } from "./v"; export interface I {}`,
			"d/v.ts":     `export const v = 1; export type T = 1;`,
		},
		"dynamic imports and require": {
			"src/index.js": `const a = await import("./lazy.js"); const b = require("./req.js"); export default { a, b };`,
			"src/lazy.js":  `export const lazy = 1`, "src/req.js": `module.exports = 1`,
		},
		"unresolved imports": {
			"src/index.ts":  `import "./missing"; import "./Domain"; import { x } from "../outside/nothere"; export default x;`,
			"src/domain.ts": "",
		},
		"unknown loader and bad JSON": {
			"src/index.ts":       `import q from "./schema.graphql"; import j from "./bad.json"; export default { q, j };`,
			"src/schema.graphql": "type Q", "src/bad.json": `{"a": 1,}`,
		},
		"symbolic links": {
			"real/lib.ts": `export const lib = 1`, "real/inner/deep.ts": ``,
			"app/src/index.ts": `import "./linked/lib"; import "./linked/inner/deep"; import "./file"; export * from "./file"`,
			"app/src/linked":   "->../../real", "app/src/file.ts": "->../../real/lib.ts",
		},
		"syntax error in a module": {
			"src/index.ts": `import "./broken"; export default {}`, "src/broken.ts": `export const = ;`,
		},
	}
	for name, files := range projects {
		t.Run(name, func(t *testing.T) {
			dir := writeProject(t, files)
			var reqs []ModuleRequest
			for f := range files {
				if strings.HasSuffix(f, "index.ts") || strings.HasSuffix(f, "index.js") {
					reqs = append(reqs, ModuleRequest{Main: filepath.Join(dir, filepath.FromSlash(f)), ProjectDir: dir})
				}
			}
			sort.Slice(reqs, func(i, j int) bool { return reqs[i].Main < reqs[j].Main })
			diffs := compareGraphs(reqs, dir)
			for _, main := range source.SortedKeys(diffs) {
				t.Errorf("%s:\n%s", main, diffs[main])
			}
		})
	}
}

// TestGraphKnownDifferences pins each known difference from esbuild's
// graph, with the side that is right for wrangler's deploys. A fix (new
// facts from the scan) makes its case fail here: move it to the rules above.
func TestGraphKnownDifferences(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  []string // substrings of the difference
	}{
		// esbuild's metafile lists an import TypeScript drops (unused, or
		// used as a type only) as external; the bundle does not import it.
		// The facts are right.
		{"dropped TypeScript import", map[string]string{
			"src/index.ts": `import { Buffer } from "node:buffer"; import { T } from "./types"; export type B = Buffer | T; export default {};`,
			"src/types.ts": `export type T = 1;`,
		}, []string{`only esbuild ["./types <- `, `"node:buffer <- `}},
		// `export { type X } from "./m"` keeps m in esbuild's metafile; the
		// statement is dropped and a tree-shaken bundle has no code of m.
		// The facts are right.
		{"all-type re-export", map[string]string{
			"src/index.ts":   `export { type S } from "./snippet"; export default {};`,
			"src/snippet.ts": `console.log("side effect"); export type S = 1;`,
		}, []string{`inputs: only esbuild [`, `src/snippet.ts"]`}},
		// A require() in a try block that does not resolve is external to
		// esbuild (no error); the facts do not say it is in a try block.
		// esbuild is right.
		{"require in try", map[string]string{
			"src/index.js": `let x; try { x = require("./optional.js") } catch {} export default x;`,
		}, []string{`exists/built: esbuild true/true, facts true/false`, `Could not resolve`, `optional.js`}},
		// import() of a template literal bundles every file it can match
		// (esbuild lists the glob as an external import; its files are
		// outside main's walk in the metafile). The facts have no record.
		{"glob import", map[string]string{
			"src/index.ts":     "const n = \"a\"; export default await import(`./locales/${n}.ts`);",
			"src/locales/a.ts": `export default 1`,
		}, []string{`external: only esbuild ["./locales/**/*.ts <- `}},
		// tsconfig "jsx": "react-jsx": esbuild imports the automatic runtime
		// in files with JSX. esbuild is right; no fact says a file has JSX.
		{"automatic JSX runtime", map[string]string{
			"tsconfig.json": `{"compilerOptions": {"jsx": "react-jsx", "jsxImportSource": "hono/jsx"}}`,
			"src/index.tsx": `import { Page } from "./page"; export default { fetch: () => new Response(String(<Page />)) };`,
			"src/page.tsx":  `export const Page = () => <p>hi</p>;`,
		}, []string{`external: only esbuild ["hono/jsx/jsx-runtime <- `}},
		// verbatimModuleSyntax keeps unused imports in the bundle; the scan
		// drops them as TypeScript's default does. esbuild is right.
		{"verbatimModuleSyntax", map[string]string{
			"tsconfig.json": `{"compilerOptions": {"verbatimModuleSyntax": true}}`,
			"src/index.ts":  `import { unused } from "./side"; export default {};`,
			"src/side.ts":   `export const unused = 1;`,
		}, []string{`inputs: only esbuild [`, `src/side.ts"]`}},
		// A JavaScript named import of a name the module does not export
		// fails esbuild's link; the facts carry no imported names. esbuild
		// is right (the deploy fails).
		{"missing named export", map[string]string{
			"src/index.js": `export { missing } from "./m.js"; export default {};`,
			"src/m.js":     `export const a = 1;`,
		}, []string{`exists/built: esbuild true/false, facts true/true`, `No matching export in`}},
		// A main without ESM syntax that uses CommonJS exports is wrapped:
		// esbuild says it exports "default". No fact says it is CommonJS.
		{"CommonJS main", map[string]string{
			"src/index.js": `module.exports = { fetch() { return new Response("x") } };`,
		}, []string{`exports: only esbuild ["default"]`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeProject(t, c.files)
			main := filepath.Join(dir, "src", "index.ts")
			for _, name := range []string{"index.tsx", "index.js"} {
				if _, ok := c.files["src/"+name]; ok {
					main = filepath.Join(dir, "src", name)
				}
			}
			diffs := compareGraphs([]ModuleRequest{{Main: main, ProjectDir: dir}}, dir)
			d := diffs[main]
			for _, w := range c.want {
				if !strings.Contains(d, w) {
					t.Errorf("the difference lacks %s:\n%s", w, d)
				}
			}
		})
	}
}
