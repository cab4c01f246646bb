// Package lint is the rule API and the driver: rules and the analyses
// they share are values (Rule, Analysis), the driver (Run) computes each
// analysis the active rules require once, runs the rules in parallel over
// the loaded project (lint/project), and passes their findings through
// one pipeline (scope, settings, suppressions, de-duplication, the exit
// code). Rules live in rules/; fixing and output sit above this package.
package lint

import (
	"fmt"

	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// Rule is one check. Rules read the loaded Project and the results of the
// analyses they require, and report Diagnostics; they never read files,
// parse or print.
type Rule struct {
	ID       string
	Severity Severity
	Doc      Doc
	// Requires are the analyses whose results Run reads (Pass.ResultOf).
	Requires []*Analysis
	Run      func(*Pass)
}

// Doc is a rule's documentation; `wranglint explain` and the README's
// rule table are generated from it.
type Doc struct {
	Summary string // one line: what it catches
	Why     string // why it matters
	// Bad and Good are small projects in txtar form ("-- path --" lines
	// between files): Bad must produce the rule's finding, Good must not.
	// Tests lint both.
	Bad  string
	Good string
	// Fix says what the fix does: "" for none; FixSafety says how its
	// fixes are applied.
	Fix       string
	FixSafety FixSafety
}

// FixSafety classifies a rule's fixes.
type FixSafety int

const (
	FixNone FixSafety = iota
	FixSafe
	FixUnsafe
	FixSafeAndUnsafe
)

func (f FixSafety) String() string {
	return [...]string{"none", "safe", "unsafe", "safe and unsafe"}[f]
}

// Allows reports whether a rule of this safety may emit a fix of
// applicability a (display-only fixes are allowed to every rule).
func (f FixSafety) Allows(a Applicability) bool {
	switch a {
	case Safe:
		return f == FixSafe || f == FixSafeAndUnsafe
	case Unsafe:
		return f == FixUnsafe || f == FixSafeAndUnsafe
	}
	return true
}

// Registry holds rules by id and rejects duplicates.
type Registry struct {
	rules []*Rule
	byID  map[string]*Rule
}

// Add registers r; a second rule with the same id is an error.
func (g *Registry) Add(r *Rule) error {
	if g.byID == nil {
		g.byID = map[string]*Rule{}
	}
	if r.ID == "" || r.Run == nil {
		return fmt.Errorf("rule %q: an id and a Run function are required", r.ID)
	}
	if g.byID[r.ID] != nil || isEngineRule(r.ID) {
		return fmt.Errorf("rule %q is registered twice", r.ID)
	}
	for _, a := range r.Requires {
		if a == nil || a.Run == nil {
			return fmt.Errorf("rule %q requires an analysis without a Run function", r.ID)
		}
	}
	g.byID[r.ID] = r
	g.rules = append(g.rules, r)
	return nil
}

// ByID returns the rule with the given id, or nil.
func (g *Registry) ByID(id string) *Rule { return g.byID[id] }

// All returns the rules in registration order.
func (g *Registry) All() []*Rule { return append([]*Rule(nil), g.rules...) }

// Pass is one rule's run over a project.
type Pass struct {
	Project *project.Project
	Rule    *Rule
	results *results
	allowed map[*Analysis]bool // the rule's Requires and what they require
	out     []Diagnostic
}

// ResultOf returns the result of an analysis the rule requires; asking for
// one it does not declare is a programming error (the driver would not
// have computed it when the rule runs alone).
func (p *Pass) ResultOf(a *Analysis) any {
	if !p.allowed[a] {
		panic(fmt.Sprintf("rule %s reads analysis %s without requiring it", p.Rule.ID, a.Name))
	}
	return p.results.get(a)
}

// Report records a finding at span with the rule's default severity. The
// first non-nil fix is the one --fix applies; later ones are alternatives.
func (p *Pass) Report(span source.Span, env *wrangler.Env, msg string, fixes ...*Fix) {
	p.ReportRelated(span, env, msg, nil, fixes...)
}

// ReportRelated is Report with related places.
func (p *Pass) ReportRelated(span source.Span, env *wrangler.Env, msg string, related []Related, fixes ...*Fix) {
	d := Diagnostic{Rule: p.Rule.ID, Severity: p.Rule.Severity, Span: span, Message: msg, Related: related}
	for _, f := range fixes {
		switch {
		case f == nil:
		case d.Fix == nil:
			d.Fix = f
		default:
			d.Alternatives = append(d.Alternatives, f)
		}
	}
	if env != nil {
		d.Env = env.Name
	}
	p.out = append(p.out, d)
}
