package jscode

import (
	"github.com/wranglint/wranglint/lint/resolve"
	"github.com/wranglint/wranglint/lint/source"
)

// LoadModule builds the module graph of one main (see LoadModules).
func LoadModule(main, projectDir string, files *source.FileSet) *Module {
	return LoadModules([]ModuleRequest{{Main: main, ProjectDir: projectDir}}, files)[0]
}

// LoadModules builds the module graph of each main, one Module per request
// (in order): every script the mains reach is read and scanned once, in
// parallel, and each graph is assembled from those scans (BuildGraph).
func LoadModules(reqs []ModuleRequest, files *source.FileSet) []*Module {
	r := resolve.New(files)
	facts := ScanGraphs(r, reqs, func(path string) (*SourceFacts, error) {
		f, err := files.Read(path)
		if err != nil {
			return nil, err
		}
		return ScanSource(f), nil
	})
	out := make([]*Module, len(reqs))
	source.Parallel(len(reqs), func(i int) { out[i] = BuildGraph(r, reqs[i], facts) })
	return out
}

// ScanGraphs runs the graphs' worklist: starting from the mains, it parses
// each script the graphs reach exactly once (parse is called in parallel,
// a wave of newly reached scripts at a time) and returns the lookup
// BuildGraph reads the results through.
func ScanGraphs(r *resolve.Resolver, reqs []ModuleRequest, parse FactsFunc) FactsFunc {
	type result struct {
		sf  *SourceFacts
		err error
	}
	done := map[string]*result{}
	var wave []string
	add := func(p string) {
		if _, ok := done[p]; !ok {
			done[p] = nil
			wave = append(wave, p)
		}
	}
	for _, req := range reqs {
		if e := GraphEntry(r, req); e.Status == resolve.Found && resolve.LoaderFor(e.Path).IsCode() {
			add(e.Path)
		}
	}
	for len(wave) > 0 {
		cur := wave
		wave = nil
		results := make([]*result, len(cur))
		next := make([][]string, len(cur))
		source.Parallel(len(cur), func(i int) {
			sf, err := parse(cur[i])
			results[i] = &result{sf, err}
			if err == nil {
				next[i] = Next(ResolveImports(r, cur[i], sf))
			}
		})
		for i, p := range cur {
			done[p] = results[i]
		}
		for _, ps := range next {
			for _, p := range ps {
				add(p)
			}
		}
	}
	return func(path string) (*SourceFacts, error) {
		res := done[path] // read only from here on
		if res == nil {
			// Not reached from any main (a caller's own use): parse it now.
			return parse(path)
		}
		return res.sf, res.err
	}
}
