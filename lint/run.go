package lint

// Run runs the rules over a loaded project and returns every finding,
// the engine's own (syntax errors) included, sorted and without repeats.
func Run(p *Project, rules []*Rule) []Diagnostic {
	out := append([]Diagnostic(nil), p.Problems...)
	for _, r := range rules {
		pass := &Pass{Project: p, Rule: r, out: &out}
		r.Run(pass)
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
