package lint

import (
	"fmt"
	"sync"

	"github.com/wranglint/wranglint/lint/project"
)

// Analysis is work several rules share (resolving client references,
// indexing what each deployment serves, the classes of a module graph),
// as go/analysis does with Requires: a value with a name, the analyses it
// needs, and a pure function of the project and their results. The
// driver computes each analysis the active rules require once, before
// they run, so a rule alone finds exactly what it finds among all.
type Analysis struct {
	Name     string
	Doc      string
	Requires []*Analysis
	Run      func(*AnalysisPass) any
}

// AnalysisPass is one analysis's view: the project and the results of the
// analyses it requires.
type AnalysisPass struct {
	Project  *project.Project
	analysis *Analysis
	results  *results
}

// ResultOf returns the result of an analysis this one requires.
func (p *AnalysisPass) ResultOf(a *Analysis) any {
	if !requires(p.analysis.Requires, a) {
		panic(fmt.Sprintf("analysis %s reads analysis %s without requiring it", p.analysis.Name, a.Name))
	}
	return p.results.get(a)
}

// Results gives access to analysis results: a rule's Pass, an analysis's
// pass, or what Analyze returns.
type Results interface {
	ResultOf(a *Analysis) any
}

// results holds the computed analyses of one run.
type results struct {
	mu sync.Mutex
	m  map[*Analysis]any
}

func (r *results) get(a *Analysis) any {
	r.mu.Lock()
	defer r.mu.Unlock()
	v, ok := r.m[a]
	if !ok {
		panic("analysis " + a.Name + " was not computed")
	}
	return v
}

// Computed is what Analyze returns: the results of the analyses asked for
// and of those they require.
type Computed struct{ r *results }

// ResultOf returns a computed analysis's result.
func (c Computed) ResultOf(a *Analysis) any { return c.r.get(a) }

// Analyze computes the analyses (and those they require) over a project,
// each once; for callers that are not rules (route, the editor, verbose
// output).
func Analyze(p *project.Project, as ...*Analysis) Computed {
	r := &results{m: map[*Analysis]any{}}
	compute(p, r, closure(as))
	return Computed{r}
}

// closure lists the analyses and everything they require, each after what
// it requires.
func closure(as []*Analysis) []*Analysis {
	var out []*Analysis
	seen := map[*Analysis]bool{}
	var visit func(a *Analysis, depth int)
	visit = func(a *Analysis, depth int) {
		if seen[a] {
			return
		}
		if depth > 64 {
			panic("analysis " + a.Name + ": requirements form a cycle")
		}
		seen[a] = true
		for _, dep := range a.Requires {
			visit(dep, depth+1)
		}
		out = append(out, a)
	}
	for _, a := range as {
		visit(a, 0)
	}
	return out
}

// compute runs the analyses in order, each as soon as what it requires is
// done, independent ones in parallel.
func compute(p *project.Project, r *results, order []*Analysis) {
	done := map[*Analysis]chan struct{}{}
	for _, a := range order {
		done[a] = make(chan struct{})
	}
	var wg sync.WaitGroup
	for _, a := range order {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, dep := range a.Requires {
				<-done[dep]
			}
			v := a.Run(&AnalysisPass{Project: p, analysis: a, results: r})
			r.mu.Lock()
			r.m[a] = v
			r.mu.Unlock()
			close(done[a])
		}()
	}
	wg.Wait()
}

func requires(list []*Analysis, a *Analysis) bool {
	for _, x := range list {
		if x == a {
			return true
		}
	}
	return false
}
