package lint

// Rule is one check. Rules read the Project and report Diagnostics; they
// never read files or print.
type Rule struct {
	ID       string
	Severity Severity
	Doc      Doc
	Run      func(*Pass)
}

// Doc is a rule's documentation; `wranglint explain` and the README's
// rule table are generated from it.
type Doc struct {
	Summary string // one line: what it catches
	Why     string // why it matters
	Bad     string // an example that is reported
	Good    string // the corrected example
	// Fix says what the fix does: "" for none; FixSafe or FixUnsafe set
	// how it is applied.
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

// Pass is one rule's run over a project.
type Pass struct {
	Project *Project
	Rule    *Rule
	out     *[]Diagnostic
}

// Report records a finding at span with the rule's default severity. The
// first non-nil fix is the one --fix applies; later ones are alternatives.
func (p *Pass) Report(span Span, env *Env, msg string, fixes ...*Fix) {
	d := Diagnostic{Rule: p.Rule.ID, Severity: p.Rule.Severity, Span: span, Message: msg}
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
	*p.out = append(*p.out, d)
}
