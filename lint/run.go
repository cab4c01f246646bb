package lint

import "sync"

// Run runs the rules over a loaded (frozen) project and returns every
// finding, the engine's own (syntax errors) included, sorted and without
// repeats. Rules run in parallel: each reads only the frozen model and
// writes only its own Pass, so a rule finds the same alone as among all.
func Run(p *Project, rules []*Rule) []Diagnostic {
	passes := make([]*Pass, len(rules))
	var wg sync.WaitGroup
	for i, r := range rules {
		passes[i] = &Pass{Project: p, Rule: r}
		wg.Add(1)
		go func(pass *Pass) {
			defer wg.Done()
			r.Run(pass)
		}(passes[i])
	}
	wg.Wait()
	out := append([]Diagnostic(nil), p.Problems...)
	for _, pass := range passes {
		out = append(out, pass.out...)
	}
	out = dedupe(out)
	SortDiagnostics(out)
	return out
}

// ExitCode: 2 for usage, I/O or syntax errors, 1 for error-severity
// findings, 0 otherwise.
func ExitCode(p *Project, ds []Diagnostic) int {
	if len(p.Errors) > 0 {
		return 2
	}
	code := 0
	for _, d := range ds {
		if d.Rule == SyntaxErrorRule {
			return 2
		}
		if d.Severity == SeverityError {
			code = 1
		}
	}
	return code
}
