package jscode

import (
	"slices"
	"strings"

	"github.com/tdewolff/parse/v2/js"
)

// Handoffs: `flag(env.FLAG)`, `cached(env.CACHE, key)` or
// `limiters({ cache: env.CACHE })` pass a binding whole to a function of
// the project. When that function tests the parameter before it uses it
// (`if (!kv) return null`, `v === "true"`, `o.cache !== undefined`), the
// binding is optional to the code, as if the read itself were tested.

// Handoff is the function an env read is passed to.
type Handoff struct {
	Module string // the import specifier of the function ("" for one of this module)
	Func   string // the function's name (exported name for an import); "" for no handoff
	Param  ParamRef
}

// ParamRef is one parameter of a function: its index, and the key when
// the argument is an object whose key is meant.
type ParamRef struct {
	Arg int
	Key string
}

// localHandoff is an env read passed to a function of this module.
type localHandoff struct {
	use int // index into EnvUses
	fn  js.INode
	ref ParamRef
}

// handoffOf finds the call the expression being left (the top of the
// stack is its parent) is an argument of, directly or as a key of an
// object literal argument.
func (s *scanner) handoffOf(n js.IExpr) (call *js.CallExpr, ref ParamRef, ok bool) {
	child := js.INode(n)
	key := ""
	for i := len(s.stack) - 1; i >= 0; i-- {
		switch p := s.stack[i].(type) {
		case *js.GroupExpr:
			child = p
		case *js.Property:
			if key != "" || p.Spread || p.Name == nil || p.Name.Computed != nil || !sameNode(p.Value, child) {
				return nil, ParamRef{}, false
			}
			key = unquoteJS(p.Name.Literal.Data)
			if i == 0 {
				return nil, ParamRef{}, false
			}
			obj, isObj := s.stack[i-1].(*js.ObjectExpr)
			if !isObj {
				return nil, ParamRef{}, false
			}
			child, i = obj, i-1
		case *js.Arg:
			if p.Rest || i < 2 {
				return nil, ParamRef{}, false
			}
			args, ok1 := s.stack[i-1].(*js.Args)
			c, ok2 := s.stack[i-2].(*js.CallExpr)
			if !ok1 || !ok2 {
				return nil, ParamRef{}, false
			}
			for j := range args.List {
				if &args.List[j] == p {
					return c, ParamRef{Arg: j, Key: key}, true
				}
			}
			return nil, ParamRef{}, false
		default:
			return nil, ParamRef{}, false
		}
	}
	return nil, ParamRef{}, false
}

// noteHandoff records where the env read i (expression n) is passed.
func (s *scanner) noteHandoff(i int, n js.IExpr) {
	call, ref, ok := s.handoffOf(n)
	if !ok {
		return
	}
	switch x := call.X.(type) {
	case *js.Var:
		if ib, imported := s.imports[string(x.Data)]; imported && s.declOf(x).Decl != js.ArgumentDecl {
			if ib.name != "*" && !sdkModule(ib.module) {
				s.facts.EnvUses[i].Handoff = Handoff{Module: ib.module, Func: ib.name, Param: ref}
			}
			return
		}
		if fn := s.funcNodes[s.declOf(x)]; fn != nil {
			s.facts.EnvUses[i].Handoff = Handoff{Func: string(x.Data), Param: ref}
			s.localHandoffs = append(s.localHandoffs, localHandoff{use: i, fn: fn, ref: ref})
		}
	case *js.DotExpr: // helpers.flag(env.X) after import * as helpers
		if v, isVar := x.X.(*js.Var); isVar {
			if ib, imported := s.imports[string(v.Data)]; imported && ib.name == "*" && !sdkModule(ib.module) {
				s.facts.EnvUses[i].Handoff = Handoff{Module: ib.module, Func: propertyName(x.Y), Param: ref}
			}
		}
	}
}

// noteParamTest records that a function tests its parameter: v (a use
// of it) or v.key (at) stands where a value is tested.
func (s *scanner) noteParamTest(v *js.Var, at js.IExpr, key string) {
	info, ok := s.params[s.declOf(v)]
	if !ok || info.fn == nil || key != "" && info.key != "" {
		return
	}
	if info.key != "" {
		key = info.key
	}
	ref := ParamRef{Arg: info.index, Key: key}
	switch {
	case s.guardedHere(at) || s.comparedHere(at) || s.returnedHere(at):
		// flag(v) { return v === "true" } copes with undefined; a value
		// handed back (`on ? b.limiter : undefined`) is the caller's to test
		s.testedParams[info.fn] = append(s.testedParams[info.fn], ref)
	case key == "" || info.key != "":
		if call, to, ok := s.handoffOf(at); ok {
			if x, isVar := call.X.(*js.Var); isVar && s.imports[string(x.Data)].module == "" {
				if fn := s.funcNodes[s.declOf(x)]; fn != nil {
					s.paramHandoffs = append(s.paramHandoffs, paramHandoff{from: info.fn, ref: ref, to: fn, toRef: to})
				}
			}
		}
	}
}

// paramHandoff is a parameter passed whole to a function of this module:
// tested there, it is tested here (flag(v) { return parse(v) }).
type paramHandoff struct {
	from, to   js.INode
	ref, toRef ParamRef
}

// returnedHere says whether the expression being entered is what its
// function returns, as it is or as one alternative or key of it.
func (s *scanner) returnedHere(n js.IExpr) bool {
	parent, child := s.valueHolder(n, true)
	r, ok := parent.(*js.ReturnStmt)
	return ok && sameNode(r.Value, child)
}

// tests reports whether fn tests the parameter ref, or gives it a
// default (then an absent argument is replaced).
func (s *scanner) tests(fn js.INode, ref ParamRef) bool {
	return slices.Contains(s.testedParams[fn], ref)
}

// finishHandoffs marks the reads passed to a local function that tests
// them, adds parameters with defaults to the tested ones, and publishes
// what exported functions test.
func (s *scanner) finishHandoffs() {
	for _, info := range s.params {
		if info.def != nil && info.fn != nil {
			s.testedParams[info.fn] = append(s.testedParams[info.fn], ParamRef{Arg: info.index, Key: info.key})
		}
	}
	for changed, rounds := true, 0; changed && rounds < 8; rounds++ { // parameters passed on, a few levels deep
		changed = false
		for _, h := range s.paramHandoffs {
			if s.tests(h.to, h.toRef) && !s.tests(h.from, h.ref) {
				s.testedParams[h.from] = append(s.testedParams[h.from], h.ref)
				changed = true
			}
		}
	}
	for _, h := range s.localHandoffs {
		if s.tests(h.fn, h.ref) {
			s.facts.EnvUses[h.use].Guarded = true
		}
	}
	for fn, refs := range s.testedParams {
		local := s.fnNames[fn]
		if local == "" {
			continue
		}
		for _, exported := range s.exportNames[local] {
			if s.facts.TestedParams == nil {
				s.facts.TestedParams = map[string][]ParamRef{}
			}
			s.facts.TestedParams[exported] = sortedRefs(append(s.facts.TestedParams[exported], refs...))
		}
	}
}

// sortedRefs orders and deduplicates refs, so that a scan's facts do not
// depend on map order.
func sortedRefs(refs []ParamRef) []ParamRef {
	slices.SortFunc(refs, func(a, b ParamRef) int {
		if a.Arg != b.Arg {
			return a.Arg - b.Arg
		}
		return strings.Compare(a.Key, b.Key)
	})
	return slices.Compact(refs)
}

// TestsParam reports whether the exported function name tests the
// parameter ref (see Handoff).
func (sf *SourceFacts) TestsParam(name string, ref ParamRef) bool {
	return slices.Contains(sf.TestedParams[name], ref)
}
