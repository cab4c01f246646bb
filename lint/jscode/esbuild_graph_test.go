package jscode

// The module graphs of wranglint before lint/resolve: esbuild's bundler
// (api.Build of every main, with a guard plugin and the file set as
// loader), kept for the tests that compare the graphs built from per-file
// facts with it (graph_equiv_test.go).

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/wranglint/wranglint/lint/source"
)

// loaders make esbuild accept the non-JS modules real Workers import.
var workerLoaders = map[string]api.Loader{
	".wasm": api.LoaderFile, ".html": api.LoaderText, ".txt": api.LoaderText,
	".bin": api.LoaderBinary, ".sql": api.LoaderText, ".md": api.LoaderText,
	".svg": api.LoaderText, ".css": api.LoaderText, ".png": api.LoaderFile,
	".jpg": api.LoaderFile, ".gif": api.LoaderFile, ".woff2": api.LoaderFile,
	".json": api.LoaderJSON, ".yaml": api.LoaderText, ".yml": api.LoaderText,
	".csv": api.LoaderText, ".xml": api.LoaderText,
}

// chunkSize is how many entries share one esbuild call. Shared calls read
// each folder and shared module once and build esbuild's runtime once;
// measured on generated monorepos, about 50 halves the CPU time of one
// call per entry, and much larger calls cost more memory for no gain.
var chunkSize = 50

// esbuildLoadModules bundles many mains, several per esbuild call and those calls
// in parallel, and returns one Module per request (in order). A call that
// fails is split in halves until each failing entry is built alone, so
// one broken Worker reports its own problems and hides no other graph.
func esbuildLoadModules(reqs []ModuleRequest, files *source.FileSet) []*Module {
	out := make([]*Module, len(reqs))
	first := map[string]int{} // a main shared by several configs is built once
	var build []int
	for i, r := range reqs {
		if j, dup := first[r.Main]; dup {
			out[i] = out[j]
			continue
		}
		first[r.Main] = i
		out[i] = &Module{Main: r.Main, External: map[string]string{}}
		if files.IsFile(r.Main) {
			out[i].Exists = true
			build = append(build, i)
		}
	}
	chunks := splitChunks(build, chunkSize)
	source.Parallel(len(chunks), func(c int) { buildChunk(reqs, out, chunks[c], files) })
	for i, r := range reqs {
		if j := first[r.Main]; j != i {
			cp := *out[j]
			out[i] = &cp
		}
	}
	return out
}

func splitChunks(idx []int, size int) [][]int {
	var out [][]int
	for len(idx) > 0 {
		n := min(size, len(idx))
		out = append(out, idx[:n:n])
		idx = idx[n:]
	}
	return out
}

// buildChunk builds the requests idx (distinct mains) in one call; on
// failure it bisects.
func buildChunk(reqs []ModuleRequest, out []*Module, idx []int, files *source.FileSet) {
	mains := make([]string, len(idx))
	for k, i := range idx {
		mains[k] = reqs[i].Main
	}
	dir := reqs[idx[0]].ProjectDir
	if len(mains) > 1 {
		dir = commonDir(mains)
	}
	res := esbuildBuild(mains, dir, files)
	if len(res.Errors) > 0 && len(mains) > 1 {
		half := len(idx) / 2
		buildChunk(reqs, out, idx[:half], files)
		buildChunk(reqs, out, idx[half:], files)
		return
	}
	if len(res.Errors) > 0 || res.Metafile == "" {
		m := out[idx[0]]
		for _, msg := range res.Errors {
			m.Problems = append(m.Problems, buildProblem(msg, reqs[idx[0]].ProjectDir, files))
		}
		return
	}
	graphs := readMetafile(res.Metafile, dir)
	for _, i := range idx {
		if g, ok := graphs[reqs[i].Main]; ok || len(mains) == 1 {
			if len(mains) == 1 {
				g = graphs[""]
			}
			out[i].Exports, out[i].Inputs, out[i].External, out[i].Built = g.Exports, g.Inputs, g.External, true
			continue
		}
		buildChunk(reqs, out, []int{i}, files) // esbuild named the entry otherwise (a symbolic link)
	}
}

func esbuildBuild(mains []string, dir string, files *source.FileSet) api.BuildResult {
	return api.Build(api.BuildOptions{
		EntryPoints:   mains,
		Bundle:        true,
		Write:         false,
		Metafile:      true,
		Format:        api.FormatESModule,
		Platform:      api.PlatformNeutral,
		Target:        api.ESNext,
		Packages:      api.PackagesExternal,
		External:      []string{"cloudflare:*", "node:*"},
		Loader:        workerLoaders,
		Conditions:    []string{"workerd", "worker", "browser"},
		MainFields:    []string{"browser", "module", "main"},
		Outdir:        filepath.Join(dir, ".wranglint-out"),
		AbsWorkingDir: dir,
		LogLevel:      api.LogLevelSilent,
		TreeShaking:   api.TreeShakingFalse,
		Plugins:       append([]api.Plugin{GuardPlugin(files)}, fileSetPlugin(files)...),
	})
}

// commonDir is the deepest folder holding every path.
func commonDir(paths []string) string {
	dir := filepath.Dir(paths[0])
	for _, p := range paths[1:] {
		for !source.Within(dir, p) {
			parent := filepath.Dir(dir)
			if parent == dir {
				return dir
			}
			dir = parent
		}
	}
	return dir
}

type metafile struct {
	Inputs  map[string]metaInput `json:"inputs"`
	Outputs map[string]struct {
		EntryPoint string   `json:"entryPoint"`
		Exports    []string `json:"exports"`
	} `json:"outputs"`
}

type metaInput struct {
	Imports []struct {
		Path     string `json:"path"`
		External bool   `json:"external"`
	} `json:"imports"`
}

// graph is one entry's part of a build's metafile.
type graph struct {
	Exports, Inputs []string
	External        map[string]string
}

// readMetafile splits a build's metafile into one graph per entry, keyed
// by the entry's absolute path; with a single entry it is also under "".
func readMetafile(raw, dir string) map[string]graph {
	var meta metafile
	out := map[string]graph{}
	if json.Unmarshal([]byte(raw), &meta) != nil {
		return out
	}
	for _, o := range meta.Outputs {
		if o.EntryPoint == "" {
			continue
		}
		g := entryGraph(meta.Inputs, o.EntryPoint, dir)
		g.Exports = append([]string(nil), o.Exports...)
		sort.Strings(g.Exports)
		out[absFrom(dir, o.EntryPoint)] = g
		out[""] = g // assets (file loader) are outputs too, without an entry point
	}
	if len(out) > 2 {
		delete(out, "") // several entries: each is found by its path
	}
	return out
}

// entryGraph walks the imports from one entry: its inputs and, for each
// external import, the first importing file by path.
func entryGraph(inputs map[string]metaInput, entry, dir string) graph {
	g := graph{External: map[string]string{}}
	seen := map[string]bool{entry: true}
	queue := []string{entry}
	for len(queue) > 0 {
		in := queue[0]
		queue = queue[1:]
		if !strings.Contains(in, ":") || filepath.IsAbs(in) {
			g.Inputs = append(g.Inputs, absFrom(dir, in))
		}
		for _, imp := range inputs[in].Imports {
			if imp.External {
				if prev, ok := g.External[imp.Path]; !ok || absFrom(dir, in) < prev {
					g.External[imp.Path] = absFrom(dir, in)
				}
				continue
			}
			if _, known := inputs[imp.Path]; known && !seen[imp.Path] {
				seen[imp.Path] = true
				queue = append(queue, imp.Path)
			}
		}
	}
	sort.Strings(g.Inputs)
	return g
}

func absFrom(dir, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, filepath.FromSlash(p))
}

func buildProblem(msg api.Message, dir string, files *source.FileSet) BuildProblem {
	p := BuildProblem{Text: msg.Text, Resolve: strings.HasPrefix(msg.Text, "Could not resolve")}
	if loc := msg.Location; loc != nil && loc.File != "" && p.Resolve {
		spec, err := strconv.Unquote(strings.TrimSpace(strings.TrimPrefix(msg.Text, "Could not resolve")))
		if err == nil && (strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../")) {
			p.Target = filepath.Join(filepath.Dir(absFrom(dir, loc.File)), filepath.FromSlash(spec))
		}
	}
	if loc := msg.Location; loc != nil && loc.File != "" {
		if f, err := files.Read(absFrom(dir, loc.File)); err == nil {
			start := f.Offset(loc.Line, loc.Column+1)
			p.Span = source.Span{File: f, Start: start, End: min(start+max(loc.Length, 1), len(f.Data))}
		}
	}
	return p
}

// fileSetPlugin makes esbuild read scripts through the file set, so that
// each is read once per run (the scan reuses the bytes) and the fixer's
// overlay is honoured; other overlaid files too. esbuild reads the rest.
func fileSetPlugin(files *source.FileSet) []api.Plugin {
	overlay := files.Overlay()
	return []api.Plugin{{Name: "wranglint-files", Setup: func(b api.PluginBuild) {
		b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "file"}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
			if _, ok := overlay[args.Path]; !ok && !source.IsScript(args.Path) {
				return api.OnLoadResult{}, nil
			}
			f, err := files.Read(args.Path)
			if err != nil {
				return api.OnLoadResult{}, nil // esbuild reads it and reports the error
			}
			contents := string(f.Data)
			return api.OnLoadResult{Contents: &contents, Loader: loaderForModule(args.Path)}, nil
		})
	}}}
}

// loaderForModule picks esbuild's loader for an overlaid module.
func loaderForModule(path string) api.Loader {
	if l, ok := workerLoaders[strings.ToLower(filepath.Ext(path))]; ok {
		return l
	}
	return scriptLoader(path, api.LoaderJS)
}

// GuardPlugin keeps esbuild's bundler from reading what wranglint never
// reads: FIFOs and devices (a read blocks forever or never ends), files
// over the size limit, and scripts nested too deep for the parser. It must
// come before the plugins that load files: what it lets through, they (or
// esbuild) read.
func GuardPlugin(files *source.FileSet) api.Plugin {
	var checked sync.Map // folder -> error text ("" when fine)
	return api.Plugin{Name: "wranglint-guard", Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: ".*"}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
			if msg := specialAbove(files, args.ResolveDir, &checked); msg != "" {
				return api.OnResolveResult{Errors: []api.Message{{Text: msg}}}, nil
			}
			if msg := caseMismatch(files, args.ResolveDir, args.Path); msg != "" {
				return api.OnResolveResult{Errors: []api.Message{{Text: msg}}}, nil
			}
			return api.OnResolveResult{}, nil
		})
		b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "file"}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
			if msg := refuseModule(files, args.Path); msg != nil {
				return api.OnLoadResult{Errors: []api.Message{*msg}}, nil
			}
			return api.OnLoadResult{}, nil
		})
	}}
}

// resolverFiles are the files esbuild reads in a module's folder and
// every folder above it while it resolves an import.
var resolverFiles = []string{"package.json", "tsconfig.json", "jsconfig.json", ".pnp.cjs", ".pnp.js", ".pnp.data.json"}

// specialAbove names the first of dir's (or its parents') resolver files
// that is not a regular file or folder, or returns "".
func specialAbove(files *source.FileSet, dir string, checked *sync.Map) string {
	if dir == "" {
		return ""
	}
	var msg string
	source.WalkUp(dir, func(d string) bool {
		if prev, ok := checked.Load(d); ok {
			msg = prev.(string)
			return true
		}
		for _, name := range resolverFiles {
			if p := filepath.Join(d, name); isSpecial(files, p) {
				msg = files.Rel(p) + ": " + source.ErrNotRegular.Error() + " (a FIFO, socket or device): wranglint does not read it, so the module graph is not built"
				break
			}
		}
		checked.Store(d, msg)
		return msg != ""
	})
	return msg
}

func isSpecial(files *source.FileSet, p string) bool {
	return files.Exists(p) && !files.IsFile(p) && !files.IsDir(p)
}

// refuseModule says why esbuild must not read the module at path, or nil.
func refuseModule(files *source.FileSet, path string) *api.Message {
	if isSpecial(files, path) {
		return &api.Message{Text: files.Rel(path) + ": " + source.ErrNotRegular.Error() + " (a FIFO, socket or device): wranglint does not read it"}
	}
	if _, inMemory := files.Overlay()[path]; !inMemory {
		if info, err := os.Stat(path); err == nil && info.Size() > source.MaxFileSize {
			return &api.Message{Text: files.Rel(path) + ": " + source.ErrTooLarge{Size: info.Size(), Limit: source.MaxFileSize}.Error()}
		}
	}
	if !source.IsScript(path) {
		return nil
	}
	f, err := files.Read(path)
	if err != nil {
		// Also a path esbuild matched in another letter case, which a
		// case-sensitive disk does not have: the error says so.
		return &api.Message{Text: files.Rel(path) + ": " + err.Error()}
	}
	se := checkNesting(f)
	if se == nil {
		return nil
	}
	pos := f.Position(se.Span.Start)
	return &api.Message{Text: se.Msg, Location: &api.Location{File: path, Line: pos.Line,
		Column: se.Span.Start - f.LineStart(se.Span.Start), Length: se.Span.End - se.Span.Start}}
}

// caseMismatch reports a relative import whose file exists only under a
// name that differs in letter case. esbuild's resolver matches names
// case-insensitively once it has listed a folder (so the answer depended
// on what else was in the same build), while the deploy's build on a
// case-sensitive disk fails: wranglint always reports it.
func caseMismatch(files *source.FileSet, resolveDir, spec string) string {
	if !strings.HasPrefix(spec, "./") && !strings.HasPrefix(spec, "../") || resolveDir == "" {
		return ""
	}
	base := filepath.Join(resolveDir, filepath.FromSlash(spec))
	if existsExactly(files, base) {
		return ""
	}
	dir, want := filepath.Dir(base), strings.ToLower(filepath.Base(base))
	entries, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	for _, e := range entries {
		name := e.Name()
		stem := strings.ToLower(strings.TrimSuffix(name, filepath.Ext(name)))
		if strings.ToLower(name) == want || stem == want {
			return "Could not resolve " + strconv.Quote(spec) + " (the file is " + name +
				": names differ only in letter case, which a case-sensitive file system such as Linux's, and so the deploy's build, does not forgive)"
		}
	}
	return ""
}

// existsExactly: the path, with an extension, or as a folder with an
// index file, exists under exactly this name.
func existsExactly(files *source.FileSet, base string) bool {
	if files.Exists(base) {
		return true
	}
	for _, ext := range append(moduleExts(), ".json") {
		if files.Exists(base+ext) || files.IsFile(filepath.Join(base, "index"+ext)) {
			return true
		}
	}
	if ext := filepath.Ext(base); ext == ".js" || ext == ".jsx" || ext == ".mjs" || ext == ".cjs" {
		stem := strings.TrimSuffix(base, ext)
		for _, alt := range []string{".ts", ".tsx", ".mts", ".cts"} {
			if files.Exists(stem + alt) {
				return true
			}
		}
	}
	return false
}

func moduleExts() []string {
	out := []string{".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"}
	for ext := range workerLoaders {
		out = append(out, ext)
	}
	return out
}

// classifyBuildProblem is lint/project.go's post-processing of esbuild's
// problems (a file esbuild matched in another letter case and could not
// read is the unresolved import it is), applied so that the problems
// compared are those users saw.
func classifyBuildProblem(bp *BuildProblem) {
	if bp.Resolve || !strings.Contains(bp.Text, "no such file or directory") || !bp.Span.Valid() {
		return
	}
	bp.Resolve = true
	bp.Text = "Could not resolve " + bp.Span.Text()
	spec, err := strconv.Unquote(bp.Span.Text())
	if err != nil {
		return
	}
	target := filepath.Join(filepath.Dir(bp.Span.File.Path), filepath.FromSlash(spec))
	entries, err := os.ReadDir(filepath.Dir(target))
	if err != nil {
		return
	}
	base := strings.ToLower(filepath.Base(target))
	for _, e := range entries {
		name := e.Name()
		if stem := strings.TrimSuffix(name, filepath.Ext(name)); strings.ToLower(stem) == base || strings.ToLower(name) == base {
			bp.Text += caseNote(name)
			return
		}
	}
}
