package jscode

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

// TestModuleCache: a cached graph is used only while every input, the
// folders holding them and the resolution configs above are unchanged.
func TestModuleCache(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) {
		t.Helper()
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("w/src/index.ts", `export { A } from "./a"; export * from "./lib";`)
	write("w/src/a.ts", `export class A {}`)
	write("w/src/lib.ts", `export const x = 1;`)
	write("w/src/broken.ts", `import "./nowhere";`)
	c := OpenCache(t.TempDir(), "test")
	reqs := []ModuleRequest{{Main: filepath.Join(dir, "w/src/index.ts"), ProjectDir: filepath.Join(dir, "w")},
		{Main: filepath.Join(dir, "w/src/broken.ts"), ProjectDir: filepath.Join(dir, "w")}}
	check := func(step string, wantCached int) {
		t.Helper()
		mods, cached := c.LoadModules(reqs, source.NewFileSet(dir, nil, nil))
		fresh := LoadModules(reqs, source.NewFileSet(dir, nil, nil))
		if cached != wantCached {
			t.Errorf("%s: %d cached, want %d", step, cached, wantCached)
		}
		for i := range mods {
			if !sameModule(mods[i], fresh[i]) {
				t.Errorf("%s: %s:\ncached %+v\nfresh  %+v", step, reqs[i].Main, mods[i], fresh[i])
			}
		}
	}
	check("cold", 0)
	check("warm", 1) // the broken build is never cached
	write("w/src/a.ts", `export class A {} export class B {}`)
	check("input changed", 0)
	check("warm again", 1)
	write("w/src/lib/index.ts", `export const y = 2;`)
	check("folder changed", 0)
	write("w/tsconfig.json", `{"compilerOptions":{}}`)
	check("tsconfig added", 0)
	check("warm at last", 1)
	withOverlay, cached := c.LoadModules(reqs[:1], source.NewFileSet(dir, map[string][]byte{reqs[0].Main: []byte(`export const z = 1;`)}, nil))
	if cached != 0 || !reflect.DeepEqual(withOverlay[0].Exports, []string{"z"}) {
		t.Errorf("an overlay must bypass the cache: %d cached, exports %v", cached, withOverlay[0].Exports)
	}
}
