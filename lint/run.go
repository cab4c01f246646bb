package lint

import (
	"sync"

	"github.com/wranglint/wranglint/lint/project"
)

// Options are what the command line says about which findings count.
type Options struct {
	Select []string // --select: only these rules (none: all)
	Ignore []string // --ignore: not these rules
	// RequireReason (--require-reason) makes a suppression without a
	// "-- reason" a finding.
	RequireReason bool
	// MaxWarnings (--max-warnings N): more warnings than this exit 1;
	// negative means any number.
	MaxWarnings int
	// ExitZero (--exit-zero): findings do not fail the run (exit 0 for
	// what would be 1); a run that could not do its job still exits 2.
	ExitZero bool
}

// DefaultOptions keep every finding and allow any number of warnings.
func DefaultOptions() Options { return Options{MaxWarnings: -1} }

// Outcome is one run's result: the findings as printed, in order, and the
// exit code, decided here and nowhere else.
type Outcome struct {
	Project     *project.Project
	Diagnostics []Diagnostic
	ExitCode    int
	// Warnings and WarningLimit say why the code is 1 when only warnings
	// were found (--max-warnings).
	Warnings     int
	TooManyWarns bool
	// Computed holds the analyses the run computed (for --verbose and
	// other callers that are not rules).
	Computed Computed
}

// Run runs the rules over a loaded project and returns every finding, the
// engine's own (load problems, settings, suppressions) included, after
// the pipeline: scope, settings, --select/--ignore, suppressions,
// de-duplication, order; and the exit code. Each analysis the active rules
// require is computed once, first; rules then run in parallel, each
// reading only the project and those results, so a rule finds the same
// alone as among all. rules are all the rules known (suppressions and
// settings may name any of them); Select and Ignore decide which run.
func Run(p *project.Project, rules []*Rule, opts Options) *Outcome {
	active := activeRules(rules, opts)
	var running []*Rule
	var need []*Analysis
	for _, r := range rules {
		if active[r.ID] {
			running = append(running, r)
			need = append(need, r.Requires...)
		}
	}
	res := &results{m: map[*Analysis]any{}}
	compute(p, res, closure(need))
	passes := make([]*Pass, len(running))
	var wg sync.WaitGroup
	for i, r := range running {
		passes[i] = &Pass{Project: p, Rule: r, results: res, allowed: allowedFor(r)}
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.Run(passes[i])
		}()
	}
	wg.Wait()
	var raw []Diagnostic
	for _, pass := range passes {
		raw = append(raw, pass.out...)
	}
	out := newPipeline(p, rules, active, opts).run(raw)
	out.Computed = Computed{res}
	return out
}

// allowedFor is the set of analyses a rule may read: its Requires and
// everything they require.
func allowedFor(r *Rule) map[*Analysis]bool {
	out := map[*Analysis]bool{}
	for _, a := range closure(r.Requires) {
		out[a] = true
	}
	return out
}

// activeRules are the ids that --select and --ignore leave, among the
// rules and the engine's optional finding (unused-suppression).
func activeRules(rules []*Rule, opts Options) map[string]bool {
	selected := map[string]bool{}
	for _, id := range opts.Select {
		selected[id] = true
	}
	active := map[string]bool{}
	for _, r := range rules {
		active[r.ID] = len(selected) == 0 || selected[r.ID]
	}
	active[UnusedSuppressionRule] = len(selected) == 0 || selected[UnusedSuppressionRule]
	for _, id := range opts.Ignore {
		delete(active, id)
	}
	return active
}

// exitCode: 2 when the run could not do its job (a file that does not
// parse or cannot be read, bad settings, an internal error), 1 for
// error-severity findings or too many warnings, 0 otherwise.
func exitCode(ds []Diagnostic, opts Options) (code, warnings int, tooMany bool) {
	for _, d := range ds {
		if failsRun(d.Rule) {
			return 2, 0, false
		}
		switch d.Severity {
		case SeverityError:
			code = 1
		case SeverityWarning:
			warnings++
		}
	}
	tooMany = code == 0 && opts.MaxWarnings >= 0 && warnings > opts.MaxWarnings
	if tooMany {
		code = 1
	}
	if opts.ExitZero {
		code = 0
	}
	return code, warnings, tooMany
}
