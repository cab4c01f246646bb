package jscode

import (
	"encoding/json"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/wranglint/wranglint/lint/source"
)

// Module is what esbuild's module graph says about a Worker's main entry.
type Module struct {
	Main    string // absolute path
	Exists  bool
	Built   bool     // the graph is known (the bundle succeeded)
	Exports []string // names exported by the entry module
	Inputs  []string // absolute paths of the project modules in the graph
	// External holds the bare and node:/cloudflare: imports that the graph
	// leaves to the runtime or to packages, with one importing file each.
	External map[string]string
	Problems []BuildProblem
}

// BuildProblem is an esbuild error, placed in the file it concerns.
type BuildProblem struct {
	Span    source.Span // may be invalid when esbuild gave no location
	Text    string
	Resolve bool // an import that could not be resolved
	// Target is where a relative import that could not be resolved points
	// (absolute), "" otherwise.
	Target string
}

// Exports reports whether the entry module exports name.
func (m *Module) ExportsName(name string) bool {
	i := sort.SearchStrings(m.Exports, name)
	return i < len(m.Exports) && m.Exports[i] == name
}

// loaders make esbuild accept the non-JS modules real Workers import.
var workerLoaders = map[string]api.Loader{
	".wasm": api.LoaderFile, ".html": api.LoaderText, ".txt": api.LoaderText,
	".bin": api.LoaderBinary, ".sql": api.LoaderText, ".md": api.LoaderText,
	".svg": api.LoaderText, ".css": api.LoaderText, ".png": api.LoaderFile,
	".jpg": api.LoaderFile, ".gif": api.LoaderFile, ".woff2": api.LoaderFile,
	".json": api.LoaderJSON, ".yaml": api.LoaderText, ".yml": api.LoaderText,
	".csv": api.LoaderText, ".xml": api.LoaderText,
}

// LoadModule bundles main (without writing) to learn its module graph and
// the names its entry module exports, as wrangler's bundle step does.
func LoadModule(main, projectDir string, files *source.FileSet) *Module {
	m := &Module{Main: main, External: map[string]string{}}
	if !files.IsFile(main) {
		return m
	}
	m.Exists = true
	res := api.Build(api.BuildOptions{
		EntryPoints:   []string{main},
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
		Outdir:        filepath.Join(projectDir, ".wranglint-out"),
		AbsWorkingDir: projectDir,
		LogLevel:      api.LogLevelSilent,
		TreeShaking:   api.TreeShakingFalse,
		Plugins:       overlayPlugin(files.Overlay()),
	})
	for _, msg := range res.Errors {
		m.Problems = append(m.Problems, buildProblem(msg, projectDir, files))
	}
	if len(res.Errors) > 0 || res.Metafile == "" {
		return m
	}
	m.readMetafile(res.Metafile, projectDir)
	m.Built = true
	return m
}

type metafile struct {
	Inputs map[string]struct {
		Imports []struct {
			Path     string `json:"path"`
			External bool   `json:"external"`
		} `json:"imports"`
	} `json:"inputs"`
	Outputs map[string]struct {
		EntryPoint string   `json:"entryPoint"`
		Exports    []string `json:"exports"`
	} `json:"outputs"`
}

func (m *Module) readMetafile(raw, dir string) {
	var meta metafile
	if json.Unmarshal([]byte(raw), &meta) != nil {
		return
	}
	for _, out := range meta.Outputs {
		if out.EntryPoint != "" {
			m.Exports = append(m.Exports, out.Exports...)
		}
	}
	sort.Strings(m.Exports)
	for in, info := range meta.Inputs {
		if !strings.Contains(in, ":") || filepath.IsAbs(in) {
			m.Inputs = append(m.Inputs, absFrom(dir, in))
		}
		for _, imp := range info.Imports {
			if imp.External {
				if _, seen := m.External[imp.Path]; !seen || absFrom(dir, in) < m.External[imp.Path] {
					m.External[imp.Path] = absFrom(dir, in)
				}
			}
		}
	}
	sort.Strings(m.Inputs)
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

// overlayPlugin makes esbuild read overlaid files from memory.
func overlayPlugin(overlay map[string][]byte) []api.Plugin {
	if len(overlay) == 0 {
		return nil
	}
	return []api.Plugin{{Name: "wranglint-overlay", Setup: func(b api.PluginBuild) {
		b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "file"}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
			data, ok := overlay[args.Path]
			if !ok {
				return api.OnLoadResult{}, nil // esbuild reads the file itself
			}
			contents := string(data)
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
