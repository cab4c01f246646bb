package jscode

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

// TestLoadModulesBatched: building many entries per esbuild call (the
// reference the graphs from per-file facts are compared with) gives, for
// every entry, exactly the graph a call of its own gives, broken entries
// included. Every script under testdata is an entry.
func TestLoadModulesBatched(t *testing.T) {
	root, _ := filepath.Abs("../../testdata")
	var reqs []ModuleRequest
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if d != nil && d.IsDir() && d.Name() == "node_modules" {
			return filepath.SkipDir
		}
		if err == nil && !d.IsDir() && source.IsScript(path) {
			reqs = append(reqs, ModuleRequest{Main: path, ProjectDir: filepath.Dir(path)})
		}
		return nil
	})
	reqs = append(reqs, reqs[0], ModuleRequest{Main: filepath.Join(root, "missing.ts"), ProjectDir: root})
	if len(reqs) < 60 {
		t.Fatalf("only %d scripts under testdata", len(reqs))
	}
	batched := esbuildLoadModules(reqs, source.NewFileSet(root, nil, nil))
	failed := 0
	for i, r := range reqs {
		alone := esbuildLoadModules([]ModuleRequest{r}, source.NewFileSet(root, nil, nil))[0]
		if !alone.Built {
			failed++
		}
		if !sameModule(alone, batched[i]) {
			t.Errorf("%s:\nalone   %+v\nbatched %+v", r.Main, alone, batched[i])
		}
	}
	if failed == 0 {
		t.Error("no entry failed to build: the bisection is not tested")
	}
}

func sameModule(a, b *Module) bool {
	if a.Main != b.Main || a.Exists != b.Exists || a.Built != b.Built || !reflect.DeepEqual(a.Exports, b.Exports) ||
		!reflect.DeepEqual(a.Inputs, b.Inputs) || !reflect.DeepEqual(a.External, b.External) || len(a.Problems) != len(b.Problems) {
		return false
	}
	for i, p := range a.Problems {
		q := b.Problems[i]
		if p.Text != q.Text || p.Resolve != q.Resolve || p.Target != q.Target || p.Span.Start != q.Span.Start ||
			p.Span.End != q.Span.End || p.Span.Valid() != q.Span.Valid() || (p.Span.Valid() && p.Span.File.Path != q.Span.File.Path) {
			return false
		}
	}
	return true
}

func TestCommonDir(t *testing.T) {
	got := commonDir([]string{"/r/workers/a/src/index.ts", "/r/workers/b/index.ts", "/r/workers/ab/x.ts"})
	if got != "/r/workers" {
		t.Fatalf("commonDir = %s", got)
	}
}

// TestLoadModuleAssets: an asset imported with the file loader is an
// output of its own; the entry's exports are still read.
func TestLoadModuleAssets(t *testing.T) {
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(dir, "logo.png"), []byte("\x89PNG"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "other.ts"), []byte(`export class Other {}`), 0o644))
	must(os.WriteFile(filepath.Join(dir, "index.ts"), []byte(`import logo from "./logo.png"; export class Room {} export const l = logo;`), 0o644))
	fs := source.NewFileSet(dir, nil, nil)
	for _, m := range LoadModules([]ModuleRequest{{Main: filepath.Join(dir, "index.ts"), ProjectDir: dir}}, fs) {
		if !m.Built || !reflect.DeepEqual(m.Exports, []string{"Room", "l"}) {
			t.Errorf("alone: built %v, exports %v", m.Built, m.Exports)
		}
	}
	both := LoadModules([]ModuleRequest{{Main: filepath.Join(dir, "index.ts"), ProjectDir: dir}, {Main: filepath.Join(dir, "other.ts"), ProjectDir: dir}}, fs)
	if !reflect.DeepEqual(both[0].Exports, []string{"Room", "l"}) || !reflect.DeepEqual(both[1].Exports, []string{"Other"}) {
		t.Errorf("batched: exports %v and %v", both[0].Exports, both[1].Exports)
	}
}
