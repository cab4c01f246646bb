package resolve

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

// tree writes files (name -> contents; a contents of "->target" makes a
// symbolic link) below a new folder and returns its real path.
func tree(t *testing.T, files map[string]string) string {
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
			if err := os.Symlink(filepath.FromSlash(target), p); err != nil {
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

// resolveAll resolves each specifier from importer (relative to dir) and
// describes the results: "found REL", "external NAME", "not found",
// "wrong case ACTUAL", "data".
func describe(dir string, res Result) string {
	switch res.Status {
	case Found:
		rel, _ := filepath.Rel(dir, res.Path)
		return "found " + filepath.ToSlash(rel) + res.Suffix
	case External:
		return "external " + res.External
	case WrongCase:
		return "wrong case " + res.Actual
	}
	return res.Status.String()
}

func check(t *testing.T, dir string, r *Resolver, importer string, cases map[string]string) {
	t.Helper()
	for spec, want := range cases {
		kind := KindImport
		if s, ok := strings.CutPrefix(spec, "require:"); ok {
			spec, kind = s, KindRequire
		}
		res := r.Resolve(filepath.Join(dir, filepath.FromSlash(importer)), spec, kind)
		if got := describe(dir, res); got != want {
			t.Errorf("%s: %q: got %s, want %s (problems %v)", importer, spec, got, want, res.Problems)
		}
	}
}

func TestRelativePaths(t *testing.T) {
	dir := tree(t, map[string]string{
		"src/index.ts":           "",
		"src/a.ts":               "",
		"src/a.js":               "",
		"src/b.tsx":              "",
		"src/c.js":               "",
		"src/d.ts":               "", // "./d.js" is d.ts (TypeScript's rewriting)
		"src/e.mts":              "",
		"src/f.cts":              "",
		"src/g/index.ts":         "",
		"src/h/package.json":     `{"main": "./lib/main.js", "module": "./lib/module"}`,
		"src/h/lib/module.ts":    "",
		"src/h/lib/main.js":      "",
		"src/i/package.json":     `{"browser": "./b.js", "main": "./m.js"}`,
		"src/i/b.js":             "",
		"src/i/m.js":             "",
		"src/j/package.json":     `{"main": "./dist"}`,
		"src/j/dist/index.js":    "",
		"src/k.json":             `{}`,
		"src/l.css":              "",
		"src/logo.png":           "",
		"src/x.txt":              "hi",
		"src/dir.ts":             "",
		"src/dir/index.ts":       "",
		"src/node_modules/y.js":  "",
		"src/node_modules/y.ts":  "",
		"src/jsx/comp.jsx":       "",
		"src/jsx/comp.tsx":       "",
		"lib/shared.ts":          "",
		"src/Upper.ts":           "",
		"src/m.mjs":              "",
		"src/withdot.config.ts":  "",
		"src/index/../other2.ts": "",
	})
	r := New(source.NewFileSet(dir, nil, nil))
	check(t, dir, r, "src/index.ts", map[string]string{
		"./a":                                   "found src/a.ts", // .ts before .js
		"./a.js":                                "found src/a.js", // as written first
		"./b":                                   "found src/b.tsx",
		"./c":                                   "found src/c.js",
		"./d.js":                                "found src/d.ts",
		"./e.mjs":                               "found src/e.mts",
		"./f.cjs":                               "found src/f.cts",
		"./e":                                   "not found", // .mts is not an implicit extension
		"./g":                                   "found src/g/index.ts",
		"./h":                                   "found src/h/lib/module.ts", // module before main
		"./i":                                   "found src/i/b.js",          // browser first
		"./j":                                   "found src/j/dist/index.js",
		"./k.json":                              "found src/k.json",
		"./k":                                   "found src/k.json",
		"./l":                                   "found src/l.css",
		"./logo.png":                            "found src/logo.png",
		"./x.txt?raw":                           "found src/x.txt?raw",
		"./dir":                                 "found src/dir.ts", // a file before a folder
		"./dir/":                                "found src/dir/index.ts",
		"../lib/shared":                         "found lib/shared.ts",
		"./node_modules/y":                      "found src/node_modules/y.js", // JavaScript first inside node_modules
		"./upper":                               "wrong case Upper.ts",
		"./missing":                             "not found",
		"./m":                                   "not found",
		"./withdot.config":                      "found src/withdot.config.ts",
		"./*.ts":                                "not found",
		dir + "/src/a":                          "found src/a.ts",
		"./jsx/comp.jsx":                        "found src/jsx/comp.jsx",
		"data:text/javascript,export default 1": "data",
	})
}

func TestBareSpecifiersAreExternal(t *testing.T) {
	dir := tree(t, map[string]string{
		"src/index.ts":                  "",
		"node_modules/pkg/package.json": `{"main": "index.js"}`,
		"node_modules/pkg/index.js":     "",
		"package.json":                  `{"name": "app"}`,
	})
	r := New(source.NewFileSet(dir, nil, nil))
	check(t, dir, r, "src/index.ts", map[string]string{
		"pkg":                    "external pkg",
		"pkg/sub":                "external pkg/sub",
		"@scope/pkg":             "external @scope/pkg",
		"fs":                     "external fs",
		"node:fs":                "external node:fs",
		"cloudflare:workers":     "external cloudflare:workers",
		"https://x.example/a.js": "external https://x.example/a.js",
		"//cdn.example/a.js":     "external //cdn.example/a.js",
		"#nothing":               "external #nothing", // no "imports": a package name to the bundler
		"app":                    "external app",
	})
}

func TestTsconfigPaths(t *testing.T) {
	dir := tree(t, map[string]string{
		"tsconfig.base.json": `{
  // comments and trailing commas, as TypeScript allows
  "compilerOptions": {
    "paths": {
      "@/*": ["./src/*", "./generated/*",],
      "@lib": ["./lib/index.ts"],
      "@lib/*": ["./lib/*"],
      "@lib/deep/*": ["./deep/*"],
      "types-only": ["./types.d.ts"],
    },
  },
}`,
		"apps/web/tsconfig.json": `{"extends": "../../tsconfig.base.json"}`,
		"apps/web/src/index.ts":  "",
		"src/a.ts":               "",
		"generated/g.ts":         "",
		"lib/index.ts":           "",
		"lib/x.ts":               "",
		"deep/x.ts":              "",
		"types.d.ts":             "",
		"base/tsconfig.json":     `{"compilerOptions": {"baseUrl": "./root"}}`,
		"base/root/util.ts":      "",
		"base/app/index.ts":      "",
		"both/tsconfig.json":     `{"compilerOptions": {"baseUrl": ".", "paths": {"~/*": ["src/*"]}}}`,
		"both/src/z.ts":          "",
		"both/index.ts":          "",
		"nobase/tsconfig.json":   `{"compilerOptions": {"paths": {"bad/*": ["src/*"], "good/*": ["./src/*"]}}}`,
		"nobase/src/q.ts":        "",
		"nobase/index.ts":        "",
		"none/index.ts":          "",
	})
	r := New(source.NewFileSet(dir, nil, nil))
	check(t, dir, r, "apps/web/src/index.ts", map[string]string{
		"@/a":         "found src/a.ts",
		"@/g":         "found generated/g.ts", // the next target of the list
		"@/missing":   "external @/missing",   // a paths match that fails falls back to packages
		"@lib":        "found lib/index.ts",   // an exact key
		"@lib/x":      "found lib/x.ts",
		"@lib/deep/x": "found deep/x.ts", // the longest prefix
		"types-only":  "external types-only",
		"react":       "external react",
	})
	check(t, dir, r, "base/app/index.ts", map[string]string{
		"util":    "found base/root/util.ts", // baseUrl
		"nothere": "external nothere",
	})
	check(t, dir, r, "both/index.ts", map[string]string{
		"~/z":   "found both/src/z.ts",
		"src/z": "found both/src/z.ts",
	})
	check(t, dir, r, "nobase/index.ts", map[string]string{
		"bad/q":  "external bad/q", // without baseUrl, targets must be relative
		"good/q": "found nobase/src/q.ts",
	})
	check(t, dir, r, "none/index.ts", map[string]string{"@/a": "external @/a"})
}

func TestTsconfigExtends(t *testing.T) {
	dir := tree(t, map[string]string{
		"node_modules/@acme/tsconfig/package.json": `{"name": "@acme/tsconfig", "exports": {"./worker": {"require": "./worker.json"}}}`,
		"node_modules/@acme/tsconfig/worker.json":  `{"compilerOptions": {"paths": {"#w/*": ["${configDir}/w/*"]}}}`,
		"node_modules/tsfield/package.json":        `{"name": "tsfield", "tsconfig": "./conf/base.json"}`,
		"node_modules/tsfield/conf/base.json":      `{"compilerOptions": {"baseUrl": "../../../shared"}}`,
		"shared/s.ts":                              "",
		"a/tsconfig.json":                          `{"extends": "@acme/tsconfig/worker"}`,
		"a/w/x.ts":                                 "",
		"a/index.ts":                               "",
		"b/tsconfig.json":                          `{"extends": ["tsfield", "./local"]}`,
		"b/local.json":                             `{"compilerOptions": {"paths": {"@b/*": ["./lib/*"]}}}`,
		"shared/lib/y.ts":                          "", // paths are relative to the inherited baseUrl
		"b/index.ts":                               "",
		"c/tsconfig.json":                          `{"extends": "./c2.json", "compilerOptions": {"baseUrl": "./over"}}`,
		"c/c2.json":                                `{"extends": "./tsconfig.json", "compilerOptions": {"paths": {"@c/*": ["./lib/*"]}}}`,
		"c/over/lib/z.ts":                          "",
		"c/lib/z.ts":                               "",
		"c/index.ts":                               "",
	})
	r := New(source.NewFileSet(dir, nil, nil))
	check(t, dir, r, "a/index.ts", map[string]string{"#w/x": "found a/w/x.ts"})
	check(t, dir, r, "b/index.ts", map[string]string{"s": "found shared/s.ts", "@b/y": "found shared/lib/y.ts"})
	// baseUrl of the derived config overrides the folder paths are relative to;
	// the extends cycle is cut.
	check(t, dir, r, "c/index.ts", map[string]string{"@c/z": "found c/over/lib/z.ts"})
}

func TestPackageImports(t *testing.T) {
	dir := tree(t, map[string]string{
		"package.json": `{"name": "app", "imports": {
  "#lib/*": "./src/lib/*.ts",
  "#env": {"workerd": "./src/env.workerd.ts", "default": "./src/env.node.ts"},
  "#req": {"require": "./src/req.cjs", "import": "./src/req.mjs"},
  "#pkg": "some-package",
  "#js": "./src/js.js",
  "#dir/": "./src/dir/"
}}`,
		"src/index.ts":       "",
		"src/lib/a.ts":       "",
		"src/env.workerd.ts": "",
		"src/env.node.ts":    "",
		"src/req.cjs":        "",
		"src/req.mjs":        "",
		"src/js.ts":          "",
		"src/dir/q.ts":       "",
	})
	r := New(source.NewFileSet(dir, nil, nil))
	check(t, dir, r, "src/index.ts", map[string]string{
		"#lib/a":       "found src/lib/a.ts",
		"#env":         "found src/env.workerd.ts",
		"#req":         "found src/req.mjs",
		"require:#req": "found src/req.cjs",
		"#pkg":         "external some-package",
		"#js":          "found src/js.ts",
		"#dir/q":       "found src/dir/q.ts",
		"#missing":     "not found",
	})
}

func TestSymlinksGiveRealPaths(t *testing.T) {
	dir := tree(t, map[string]string{
		"real/lib.ts":        "",
		"real/inner/deep.ts": "",
		"app/src/index.ts":   "",
		"app/src/linked":     "->../../real",
		"app/src/file.ts":    "->../../real/lib.ts",
	})
	r := New(source.NewFileSet(dir, nil, nil))
	check(t, dir, r, "app/src/index.ts", map[string]string{
		"./linked/lib":        "found real/lib.ts",
		"./linked/inner/deep": "found real/inner/deep.ts",
		"./file":              "found real/lib.ts",
	})
}

func TestLetterCase(t *testing.T) {
	dir := tree(t, map[string]string{
		"src/index.ts":  "",
		"src/domain.ts": "",
		"src/Lib/x.ts":  "",
	})
	r := New(source.NewFileSet(dir, nil, nil))
	src := filepath.Join(dir, "src")
	if got := r.LetterCaseOnly(filepath.Join(src, "Domain")); got != "domain.ts" {
		t.Errorf("LetterCaseOnly(Domain) = %q", got)
	}
	if got := r.LetterCaseOnly(filepath.Join(src, "domain")); got != "" {
		t.Errorf("LetterCaseOnly(domain) = %q", got)
	}
	if got := r.LetterCaseOnly(filepath.Join(src, "lib")); got != "Lib" {
		t.Errorf("LetterCaseOnly(lib) = %q", got)
	}
	check(t, dir, r, "src/index.ts", map[string]string{
		"./Domain":    "wrong case domain.ts",
		"./DOMAIN.ts": "wrong case domain.ts",
		"./lib/x":     "not found", // a folder in another case is not listed
	})
}

func TestGuardAndBrokenConfigs(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("FIFOs")
	}
	dir := tree(t, map[string]string{
		"ok/src/index.ts":     "",
		"ok/src/a.ts":         "",
		"fifo/src/index.ts":   "",
		"badpkg/package.json": "{\"name\": \"x\", // a comment\n}",
		"badpkg/index.ts":     "",
		"badts/tsconfig.json": `{"compilerOptions": {`,
		"badts/index.ts":      "",
	})
	if err := mkfifo(filepath.Join(dir, "fifo", "package.json")); err != nil {
		t.Skip(err)
	}
	r := New(source.NewFileSet(dir, nil, nil))
	res := r.Resolve(filepath.Join(dir, "fifo/src/index.ts"), "node:fs", KindImport)
	if len(res.Problems) != 1 || !res.Problems[0].AtImport || !strings.Contains(res.Problems[0].Text, "fifo/package.json: not a regular file") {
		t.Errorf("FIFO package.json: %+v", res.Problems)
	}
	if res := r.Resolve(filepath.Join(dir, "ok/src/index.ts"), "./a", KindImport); len(res.Problems) != 0 || res.Status != Found {
		t.Errorf("ok: %+v", res)
	}
	res = r.Resolve(filepath.Join(dir, "badpkg/index.ts"), "x", KindImport)
	if len(res.Problems) != 1 || res.Problems[0].Text != "JSON does not support comments" || res.Problems[0].Start != 14 {
		t.Errorf("package.json with a comment: %+v", res.Problems)
	}
	res = r.Resolve(filepath.Join(dir, "badts/index.ts"), "x", KindImport)
	if len(res.Problems) != 1 || !strings.HasPrefix(res.Problems[0].Text, "invalid JSON") || res.Problems[0].Path != filepath.Join(dir, "badts/tsconfig.json") {
		t.Errorf("tsconfig.json that does not parse: %+v", res.Problems)
	}
	if !r.IsSpecial(filepath.Join(dir, "fifo", "package.json")) || r.IsSpecial(filepath.Join(dir, "ok/src/a.ts")) {
		t.Error("IsSpecial")
	}
}

func TestOverlayIsHonoured(t *testing.T) {
	dir := tree(t, map[string]string{"src/index.ts": "", "src/old.ts": ""})
	fs := source.NewFileSet(dir, map[string][]byte{
		filepath.Join(dir, "src", "new.ts"):        []byte(""),
		filepath.Join(dir, "src", "tsconfig.json"): []byte(`{"compilerOptions": {"paths": {"@/*": ["./*"]}}}`),
	}, map[string]bool{filepath.Join(dir, "src", "old.ts"): true})
	r := New(fs)
	check(t, dir, r, "src/index.ts", map[string]string{"./new": "found src/new.ts", "./old": "not found", "@/new": "found src/new.ts"})
}

func TestResolvePackage(t *testing.T) {
	dir := tree(t, map[string]string{
		"packages/names/package.json":  `{"name": "@acme/names", "main": "dist/index.js", "source": "src/index.ts"}`,
		"packages/names/src/index.ts":  "",
		"packages/names/src/sub.ts":    "",
		"packages/exp/package.json":    `{"name": "exp", "exports": {".": {"types": "./src/index.ts", "import": "./dist/index.js"}, "./feature": {"source": "./src/feature.ts"}}}`,
		"packages/exp/src/index.ts":    "",
		"packages/exp/src/feature.ts":  "",
		"packages/exp/dist/index.js":   "",
		"app/node_modules/@acme/names": "->../../../packages/names",
		"app/node_modules/exp":         "->../../packages/exp",
		"app/src/index.ts":             "",
		"app/src/local.ts":             "",
	})
	r := New(source.NewFileSet(dir, nil, nil))
	from := filepath.Join(dir, "app", "src", "index.ts")
	for spec, want := range map[string]string{
		"@acme/names":     "packages/names/src/index.ts",
		"@acme/names/sub": "packages/names/src/sub.ts",
		"exp":             "packages/exp/dist/index.js", // "import" before "types"
		"exp/feature":     "packages/exp/src/feature.ts",
		"./local":         "app/src/local.ts",
		"node:fs":         "",
		"missing":         "",
	} {
		got := r.ResolvePackage(from, spec)
		if want != "" {
			want = filepath.Join(dir, filepath.FromSlash(want))
		}
		if got != want {
			t.Errorf("ResolvePackage(%q) = %q, want %q", spec, got, want)
		}
	}
}

func TestProbesRecordMisses(t *testing.T) {
	dir := tree(t, map[string]string{"src/index.ts": "", "src/a.ts": ""})
	r := New(source.NewFileSet(dir, nil, nil))
	r.Resolve(filepath.Join(dir, "src/index.ts"), "./a", KindImport)
	r.Resolve(filepath.Join(dir, "src/index.ts"), "./nothing/deeper", KindImport)
	var got []string
	for _, p := range r.Probes() {
		if strings.HasPrefix(p.Path, dir) {
			got = append(got, p.Kind.String()+" "+strings.TrimPrefix(p.Path, dir))
		}
	}
	want := []string{"list /src", "realpath /src/a.ts", "list /src/nothing"}
	for _, w := range want {
		if !strings.Contains(strings.Join(got, "\n"), w) {
			t.Errorf("probes lack %q:\n%s", w, strings.Join(got, "\n"))
		}
	}
}

// TestConcurrent resolves from many goroutines at once (run with -race).
func TestConcurrent(t *testing.T) {
	files := map[string]string{"tsconfig.json": `{"compilerOptions": {"paths": {"@/*": ["./src/*"]}}}`}
	for i := range 20 {
		files["src/m"+string(rune('a'+i))+".ts"] = ""
	}
	dir := tree(t, files)
	r := New(source.NewFileSet(dir, nil, nil))
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				spec := "@/m" + string(rune('a'+(i+g)%20))
				if res := r.Resolve(filepath.Join(dir, "src", "index.ts"), spec, KindImport); res.Status != Found {
					t.Errorf("%s: %v", spec, res.Status)
				}
			}
		}()
	}
	wg.Wait()
}

func TestLoaderFor(t *testing.T) {
	for path, want := range map[string]Loader{
		"a.ts": LoaderTS, "a.d.ts": LoaderTS, "a.test.tsx": LoaderTSX, "a.mjs": LoaderJS, "a.cts": LoaderTS,
		"LICENSE": LoaderJS, "a.module.css": LoaderText, "a.css": LoaderText, "a.wasm": LoaderFile,
		"a.graphql": LoaderNone, "a.PNG": LoaderNone, "x.json": LoaderJSON, ".env": LoaderNone,
	} {
		if got := LoaderFor(path); got != want {
			t.Errorf("LoaderFor(%s) = %v, want %v", path, got, want)
		}
	}
}

func TestCheckJSON(t *testing.T) {
	for data, want := range map[string]string{
		`{"a": 1}`:            "",
		"\ufeff{\"a\": 1}":    "",
		`{"a": 1,}`:           "JSON does not support trailing commas",
		"{\"a\": 1 // c\n}":   "JSON does not support comments",
		`{"a": }`:             "invalid JSON",
		`{"a": 1`:             "invalid JSON",
		`[1, "x", {"y": [}]]`: "invalid JSON",
	} {
		e := CheckJSON([]byte(data))
		switch {
		case want == "" && e != nil:
			t.Errorf("%q: %+v", data, e)
		case want != "" && (e == nil || !strings.HasPrefix(e.Text, want)):
			t.Errorf("%q: %+v, want %s", data, e, want)
		}
	}
}
