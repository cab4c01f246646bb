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
	for _, st := range sf.StubFetches {
		if st.GetterArg < 0 || st.GetterArg > maxParams {
			return bad("stub getter argument %d", st.GetterArg)
		}
	}
	for _, g := range sf.StubGetters {
		if g.Param < 0 || g.Param > maxParams {
			return bad("stub getter parameter %d", g.Param)
		}
	}
	for _, r := range sf.TextRegions {
		if r.Start < 0 || r.Start > r.End || r.End > n {
			return bad("text region %d-%d of %d bytes", r.Start, r.End, n)
		}
	}
	for _, m := range sf.ClassMembers {
		if m.Kind < ClassField || m.Kind > ClassAssigned {
			return bad("class member kind %d", m.Kind)
		}
	}
	for _, r := range sf.Routers {
		for _, m := range r.Mounts {
			if m.Router < 0 || m.Router > len(sf.Routers) {
				return bad("mount of router %d of %d", m.Router, len(sf.Routers))
			}
		}
	}
	for _, bc := range sf.BindingCalls {
		if bc.Args < 0 {
			return bad("binding call with %d arguments", bc.Args)
		}
		if err := checkValues(bc.URL); err != nil {
			return err
		}
	}
	for _, cd := range sf.CronDispatches {
		for _, c := range cd.Cases {
			if err := checkValues(c.Values); err != nil {
				return err
			}
		}
	}
	if err := sf.Entry.check(len(sf.Routers), len(sf.CronDispatches)); err != nil {
		return err
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

// check verifies the entry model's references: every ValueRef names a
// value (or is 0), every function, router and cron dispatch index is in
// range, every kind is one of its constants.
func (ef *EntryFacts) check(routers, crons int) error {
	bad := func(what string, n int) error { return fmt.Errorf("%w: entry %s %d", errInconsistent, what, n) }
	values, funcs := len(ef.Values), len(ef.Funcs)
	ref := func(r ValueRef) bool { return r >= 0 && int(r) <= values }
	refs := func(rs []ValueRef) bool {
		for _, r := range rs {
			if !ref(r) {
				return false
			}
		}
		return true
	}
	for _, v := range ef.Values {
		switch {
		case v.Kind > ValueParam:
			return bad("value kind", int(v.Kind))
		case !refs(v.Spreads) || !ref(v.Extends) || !ref(v.CalleeValue) || !refs(v.Args) || !ref(v.Object):
			return bad("value reference of", values)
		case v.Router < 0 || v.Router > routers:
			return bad("router", v.Router)
		case v.Func < 0 || v.Func > funcs:
			return bad("function", v.Func)
		case v.Param < 0:
			return bad("parameter", v.Param)
		}
		for _, m := range v.Members {
			if m.Kind > MemberAccessor || !ref(m.Value) {
				return bad("member kind", int(m.Kind))
			}
		}
	}
	for _, f := range ef.Funcs {
		switch {
		case f.Params < 0:
			return bad("parameters", f.Params)
		case f.Router < 0 || f.Router > routers:
			return bad("router", f.Router)
		case f.Cron < 0 || f.Cron > crons:
			return bad("cron dispatch", f.Cron)
		case !refs(f.Returns):
			return bad("return of", values)
		}
		for _, d := range f.Delegates {
			if !ref(d.Object) {
				return bad("delegate", int(d.Object))
			}
		}
	}
	if !ref(ef.Default) {
		return bad("default", int(ef.Default))
	}
	for _, n := range ef.Named {
		if !ref(n.Value) {
			return bad("named export", int(n.Value))
		}
	}
	return nil
}
