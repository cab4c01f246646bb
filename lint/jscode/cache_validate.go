package jscode

import (
	"errors"
	"fmt"

	"github.com/wranglint/wranglint/lint/source"
)

// maxParams bounds a parameter index a piece may name (functions of the
// project take a handful; the scanner records what it sees).
const maxParams = 1 << 16

var errInconsistent = errors.New("inconsistent cached facts")

// check verifies, after decoding (which already checked every span lies
// inside f), what the rules and the model rely on without checking: each
// enumeration in range, indexes in range, counts that go together, and
// the shapes the scanner always gives (a reference has a place and a
// value, a template has pieces). A forged or damaged entry that breaks
// one is a miss, so it can never crash a run.
func (sf *SourceFacts) check(f *source.File) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{errInconsistent}, args...)...)
	}
	n := len(f.Data)
	if sf.File != f {
		return bad("facts of another file")
	}
	for _, imp := range sf.Imports {
		if imp.Kind > ImportRequire {
			return bad("import kind %d", imp.Kind)
		}
	}
	for _, r := range sf.Refs {
		if r == nil || r.Kind > RefLiteralURL || !r.Span.Valid() || r.Value == "" {
			return bad("client reference")
		}
		if len(r.SegSpans) != len(r.Segs) || r.Kind == RefLiteralURL && (len(r.Segs) < 3 || r.Segs[0] == "") {
			return bad("client reference segments")
		}
	}
	for _, rc := range sf.RouteCalls {
		if rc == nil || rc.PrefixValue != nil && checkValue(*rc.PrefixValue) != nil {
			return bad("route call")
		}
	}
	for _, c := range sf.Classes {
		if c.KeywordAt < -1 || c.KeywordAt > n {
			return bad("class keyword at %d of %d bytes", c.KeywordAt, n)
		}
	}
	if sf.InsertAt < 0 || sf.InsertAt > n {
		return bad("insertion point %d of %d bytes", sf.InsertAt, n)
	}
	if sf.Syntax != nil && sf.Syntax.Span.File != f {
		return bad("syntax error without a place")
	}
	for _, t := range sf.Templates {
		if err := checkTemplate(t); err != nil {
			return err
		}
	}
	for _, w := range sf.Wrappers {
		if err := checkTemplate(w.Template); err != nil {
			return err
		}
	}
	for _, c := range append(append([]Call(nil), sf.Calls...), sf.OpaqueCalls...) {
		for _, a := range c.Args {
			if err := checkValues(a.Values); err != nil {
				return err
			}
			for _, vs := range a.Props {
				if err := checkValues(vs); err != nil {
					return err
				}
			}
		}
	}
	for _, vs := range sf.Helpers {
		if err := checkValues(vs); err != nil {
			return err
		}
	}
	for _, r := range sf.TextRegions {
		if r.Start < 0 || r.Start > r.End || r.End > n {
			return bad("text region %d-%d of %d bytes", r.Start, r.End, n)
		}
	}
	for _, m := range sf.ClassMembers {
		if m.Kind < MemberField || m.Kind > MemberAssigned {
			return bad("class member kind %d", m.Kind)
		}
	}
	for name, vs := range sf.ExportedValues {
		if len(vs) == 0 {
			return bad("exported value %q without values", name)
		}
		if err := checkValues(vs); err != nil {
			return err
		}
	}
	return nil
}

func checkTemplate(t Template) error {
	if t.Kind > RefLiteralURL || len(t.Value.Pieces) == 0 {
		return fmt.Errorf("%w: template", errInconsistent)
	}
	return checkValue(t.Value)
}

func checkValues(vs []Value) error {
	for _, v := range vs {
		if err := checkValue(v); err != nil {
			return err
		}
	}
	return nil
}

func checkValue(v Value) error {
	for _, p := range v.Pieces {
		if p.Kind > PieceImport || p.Param < 0 || p.Param > maxParams {
			return fmt.Errorf("%w: value piece", errInconsistent)
		}
	}
	return nil
}
