package jscode

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/wranglint/wranglint/lint/resolve"
	"github.com/wranglint/wranglint/lint/source"
)

// graphOf builds main's graph with LoadModules.
func graphOf(t *testing.T, dir, main string) *Module {
	t.Helper()
	return LoadModule(filepath.Join(dir, filepath.FromSlash(main)), dir, source.NewFileSet(dir, nil, nil))
}

func relAll(dir string, paths []string) []string {
	var out []string
	for _, p := range paths {
		r, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(r))
	}
	return out
}

// TestGraphExportStarLattice: a lattice of `export *` 40 levels deep, two
// paths per level. esbuild's linker walks it once per path (2^40); the
// graph walks each module once.
func TestGraphExportStarLattice(t *testing.T) {
	files := map[string]string{"src/index.ts": `export * from "./l0a"; export * from "./l0b";`}
	const levels = 40
	for i := range levels {
		for _, side := range []string{"a", "b"} {
			body := fmt.Sprintf("export const v%d%s = 1;", i, side)
			if i+1 < levels {
				body += fmt.Sprintf(` export * from "./l%da"; export * from "./l%db";`, i+1, i+1)
			} else {
				body += ` export * from "./index";` // and a ring back to main
			}
			files[fmt.Sprintf("src/l%d%s.ts", i, side)] = body
		}
	}
	dir := writeProject(t, files)
	m := graphOf(t, dir, "src/index.ts")
	if !m.Built || len(m.Inputs) != 2*levels+1 || len(m.Exports) != 2*levels || !m.ExportsName("v39b") {
		t.Fatalf("built %v, %d inputs, exports %v, problems %v", m.Built, len(m.Inputs), m.Exports, m.Problems)
	}
}

// TestGraphModuleLimit: a graph over the limit is not built, and says why.
func TestGraphModuleLimit(t *testing.T) {
	defer func(old int) { graphModuleLimit = old }(graphModuleLimit)
	graphModuleLimit = 10
	files := map[string]string{}
	for i := range 12 {
		files[fmt.Sprintf("src/m%d.ts", i)] = fmt.Sprintf(`import "./m%d"; export const x = 1;`, i+1)
	}
	files["src/m12.ts"] = `import "./m0";` // a cycle, too
	dir := writeProject(t, files)
	m := graphOf(t, dir, "src/m0.ts")
	if m.Built || len(m.Problems) != 1 || !m.Problems[0].Limit || !strings.Contains(m.Problems[0].Text, "more than 10 modules") {
		t.Fatalf("built %v, problems %+v", m.Built, m.Problems)
	}
	graphModuleLimit = 20
	if m := graphOf(t, dir, "src/m0.ts"); !m.Built || len(m.Inputs) != 13 {
		t.Fatalf("under the limit: built %v, %d inputs, problems %+v", m.Built, len(m.Inputs), m.Problems)
	}
}

func TestGraphInputsExternalsAndOpenExports(t *testing.T) {
	dir := writeProject(t, map[string]string{
		"src/index.ts":  `import "./a"; import "node:buffer"; export * from "./re"; export default {};`,
		"src/a.ts":      `import "./b.js"; import "agents"; import "./a"; export const a = 1;`,
		"src/b.ts":      `import "agents"; import text from "./t.txt"; export const b = text;`,
		"src/t.txt":     "hello",
		"src/re.ts":     `export * from "partyserver"; export * from "./deeper";`,
		"src/deeper.ts": `export * from "hono";`,
	})
	m := graphOf(t, dir, "src/index.ts")
	if !m.Built {
		t.Fatal(m.Problems)
	}
	if got, want := relAll(dir, m.Inputs), []string{"src/a.ts", "src/b.ts", "src/deeper.ts", "src/index.ts", "src/re.ts", "src/t.txt"}; !reflect.DeepEqual(got, want) {
		t.Errorf("inputs %v", got)
	}
	want := map[string]string{"agents": "src/a.ts", "node:buffer": "src/index.ts", "partyserver": "src/re.ts", "hono": "src/deeper.ts"}
	for spec, from := range want {
		if got := m.External[spec]; got != filepath.Join(dir, from) {
			t.Errorf("external %s from %s, want %s", spec, got, from)
		}
	}
	if !reflect.DeepEqual(m.OpenExports, []string{"hono", "partyserver"}) || !reflect.DeepEqual(m.Exports, []string{"default"}) {
		t.Errorf("open exports %v, exports %v", m.OpenExports, m.Exports)
	}
}

// TestGraphWorklist: the worklist parses each script the mains reach once,
// whatever the number of mains sharing it, and nothing else.
func TestGraphWorklist(t *testing.T) {
	dir := writeProject(t, map[string]string{
		"a/index.ts":      `import "../shared/lib"; import "./data.json"; export default {};`,
		"b/index.ts":      `import "../shared/lib"; const m = await import("../shared/lazy"); export default m;`,
		"shared/lib.ts":   `import "./lazy";`,
		"shared/lazy.ts":  `export const lazy = 1;`,
		"shared/other.ts": `export const unused = 1;`,
		"a/data.json":     `{}`,
	})
	fs := source.NewFileSet(dir, nil, nil)
	r := resolve.New(fs)
	reqs := []ModuleRequest{{Main: filepath.Join(dir, "a/index.ts"), ProjectDir: filepath.Join(dir, "a")}, {Main: filepath.Join(dir, "b/index.ts"), ProjectDir: filepath.Join(dir, "b")}}
	var mu sync.Mutex
	parsed := map[string]int{}
	facts := ScanGraphs(r, reqs, func(path string) (*SourceFacts, error) {
		mu.Lock()
		parsed[path]++
		mu.Unlock()
		f, err := fs.Read(path)
		if err != nil {
			return nil, err
		}
		return ScanSource(f), nil
	})
	want := map[string]int{}
	for _, p := range []string{"a/index.ts", "b/index.ts", "shared/lib.ts", "shared/lazy.ts"} {
		want[filepath.Join(dir, p)] = 1
	}
	if !reflect.DeepEqual(parsed, want) {
		t.Errorf("parsed %v", parsed)
	}
	for _, req := range reqs {
		if m := BuildGraph(r, req, facts); !m.Built {
			t.Errorf("%s: %+v", req.Main, m.Problems)
		}
	}
	if e := GraphEntry(r, ModuleRequest{Main: filepath.Join(dir, "missing.ts"), ProjectDir: dir}); e.Status != resolve.NotFound {
		t.Errorf("entry of a missing main: %+v", e)
	}
}

// TestGraphUnreadableModules: a module that is not a regular file, or
// that the loader cannot read, stops the bundle at the import.
func TestGraphUnreadableModules(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("FIFOs")
	}
	dir := writeProject(t, map[string]string{
		"src/index.ts": "import x from \"./fifo.js\";\nimport \"./big\";\nexport default x;\n",
		"src/big.ts":   "export {}",
	})
	if err := mkfifo(filepath.Join(dir, "src", "fifo.js")); err != nil {
		t.Skip(err)
	}
	fs := source.NewFileSet(dir, nil, nil)
	r := resolve.New(fs)
	req := ModuleRequest{Main: filepath.Join(dir, "src/index.ts"), ProjectDir: dir}
	m := BuildGraph(r, req, func(path string) (*SourceFacts, error) {
		if strings.HasSuffix(path, "big.ts") {
			return nil, errors.New("too big")
		}
		f, err := fs.Read(path)
		if err != nil {
			return nil, err
		}
		return ScanSource(f), nil
	})
	got := problemList(m.Problems)
	want := []string{
		fmt.Sprintf(`%s/src/index.ts:14-25 "src/fifo.js: not a regular file (a FIFO, socket or device): wranglint does not read it" resolve=false target=`, dir),
		fmt.Sprintf(`%s/src/index.ts:34-41 "src/big.ts: too big" resolve=false target=`, dir),
	}
	if m.Built || !reflect.DeepEqual(got, want) {
		t.Errorf("built %v, problems:\n%s", m.Built, strings.Join(got, "\n"))
	}
}

// TestGraphOverlay: the fixer's in-memory files are the graph's.
func TestGraphOverlay(t *testing.T) {
	dir := writeProject(t, map[string]string{"src/index.ts": `import "./old"; export default {}`, "src/old.ts": ``})
	main := filepath.Join(dir, "src", "index.ts")
	fs := source.NewFileSet(dir, map[string][]byte{
		main:                                 []byte(`import "./renamed"; export class Room {}`),
		filepath.Join(dir, "src/renamed.ts"): []byte(`export {}`),
	}, map[string]bool{filepath.Join(dir, "src/old.ts"): true})
	m := LoadModule(main, dir, fs)
	if !m.Built || !reflect.DeepEqual(relAll(dir, m.Inputs), []string{"src/index.ts", "src/renamed.ts"}) || !reflect.DeepEqual(m.Exports, []string{"Room"}) {
		t.Fatalf("built %v, inputs %v, exports %v, problems %v", m.Built, m.Inputs, m.Exports, m.Problems)
	}
}

// TestWorkerLoadersAgree: the resolver's loaders are those wranglint gave
// esbuild's bundler.
func TestWorkerLoadersAgree(t *testing.T) {
	same := map[api.Loader]resolve.Loader{api.LoaderFile: resolve.LoaderFile, api.LoaderText: resolve.LoaderText,
		api.LoaderBinary: resolve.LoaderBinary, api.LoaderJSON: resolve.LoaderJSON}
	for ext, l := range workerLoaders {
		if got, ok := resolve.Loaders[ext]; !ok || got != same[l] {
			t.Errorf("%s: esbuild's loader %v, the resolver's %v", ext, l, got)
		}
	}
}

// TestGraphSyntaxErrors: a script that does not parse stops the bundle; its
// problem is the scan's, flagged so that it is reported once.
func TestGraphSyntaxErrors(t *testing.T) {
	dir := writeProject(t, map[string]string{"src/index.ts": `import "./broken"; export default {}`, "src/broken.ts": "export const = ;"})
	m := graphOf(t, dir, "src/index.ts")
	if m.Built || len(m.Problems) != 1 || !m.Problems[0].Syntax || m.Problems[0].Resolve ||
		m.Problems[0].Span.File.Path != filepath.Join(dir, "src", "broken.ts") || !strings.HasPrefix(m.Problems[0].Text, "Expected") {
		t.Fatalf("built %v, problems %+v", m.Built, m.Problems)
	}
}
