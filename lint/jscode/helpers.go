package jscode

import (
	"github.com/tdewolff/parse/v2/js"
	"github.com/wranglint/wranglint/lint/source"
)

// Helpers are project functions that build a URL (or a name) from their
// arguments and return it: `function agentUrl(id) { return "/agents/chat/"
// + id }`. A call of one is evaluated one level deep, as wrappers are: a
// local helper's return value is computed with the call's arguments in
// place of its parameters; an imported one becomes a piece the project
// fills from the helper module's facts (SourceFacts.Helpers).

// inlineFrame is the helper whose return value is being evaluated, with
// the arguments of the call (symbolic: its parameters stay parameters,
// for the helper's own facts).
type inlineFrame struct {
	fn       js.INode
	args     []Arg
	symbolic bool
}

// registerFunc remembers a function a name is bound to, and its
// parameters (before the walk reaches it: a function declaration may be
// called above it).
func (s *scanner) registerFunc(v *js.Var, fn js.INode) {
	if v == nil || fn == nil {
		return
	}
	s.funcNodes[v] = fn
	switch f := fn.(type) {
	case *js.FuncDecl:
		s.registerParams(f, f.Params)
	case *js.ArrowFunc:
		s.registerParams(f, f.Params)
	}
}

// registerParams places each parameter of n in its function.
func (s *scanner) registerParams(n js.INode, params js.Params) {
	for i, el := range params.List {
		switch b := el.Binding.(type) {
		case *js.Var:
			s.params[b] = paramInfo{fn: n, index: i, def: el.Default}
		case *js.BindingObject:
			for _, item := range b.List {
				if v, key, ok := bindingItem(item); ok {
					s.params[v] = paramInfo{fn: n, index: i, key: key, def: item.Value.Default}
				}
			}
		}
	}
}

// returnExpr is what a function returns when its body ends in a return
// (an arrow's expression body included), after consts it declares; nil
// when it ends otherwise. Earlier returns are other alternatives, not
// followed: what is judged is one real value.
func (s *scanner) returnExpr(fn js.INode) js.IExpr {
	return finalReturn(fn, false, func(v *js.Var, init js.IExpr) { s.consts[v] = init })
}

// returnExprs is what a helper returns: its final return, or, for a body
// that ends in a switch whose every non-empty case returns a value, the
// value of the case the call's literal argument selects (switch on a
// parameter), else each case's value: the alternatives a call can
// produce (a value no case lists returns undefined, not a name).
func (s *scanner) returnExprs(fn js.INode, args []Arg) []js.IExpr {
	if ret := s.returnExpr(fn); ret != nil {
		return []js.IExpr{ret}
	}
	sw := finalSwitch(fn)
	if sw == nil {
		return nil
	}
	var out []js.IExpr
	for _, cl := range sw.List {
		if len(cl.List) == 0 {
			continue // falls through to the next case
		}
		ret, ok := cl.List[len(cl.List)-1].(*js.ReturnStmt)
		if !ok || ret.Value == nil {
			return nil
		}
		out = append(out, ret.Value)
	}
	if chosen := s.selectedCase(fn, sw, args); chosen != nil {
		return []js.IExpr{chosen}
	}
	return out
}

// finalSwitch is the switch that ends a (non-async, non-generator)
// function's body, nil when it ends otherwise.
func finalSwitch(fn js.INode) *js.SwitchStmt {
	body := funcBody(fn, false)
	if len(body) == 0 {
		return nil
	}
	sw, _ := body[len(body)-1].(*js.SwitchStmt)
	return sw
}

// funcBody is a function's statements (an arrow's expression body is one
// return), nil for a generator, or an async function unless allowAsync:
// their calls give no plain value.
func funcBody(fn js.INode, allowAsync bool) []js.IStmt {
	switch f := fn.(type) {
	case *js.FuncDecl:
		if f.Generator || f.Async && !allowAsync {
			return nil
		}
		return f.Body.List
	case *js.ArrowFunc:
		if f.Async && !allowAsync {
			return nil
		}
		return f.Body.List
	}
	return nil
}

// selectedCase is the value returned for a switch on one of fn's
// parameters when the call passes a literal: the matching case's (after
// fall-through), else the default's; nil when it cannot be told.
func (s *scanner) selectedCase(fn js.INode, sw *js.SwitchStmt, args []Arg) js.IExpr {
	v, ok := sw.Init.(*js.Var)
	if !ok || args == nil {
		return nil
	}
	info, ok := s.params[s.declOf(v)]
	if !ok || info.fn != fn || info.key != "" {
		return nil
	}
	vs, present := argValues(args, Piece{Kind: PieceParam, Param: info.index})
	if !present || len(vs) != 1 || !vs[0].Known() {
		return nil
	}
	want := vs[0].Text()
	match := -1
	for i, cl := range sw.List {
		if lit, ok := stringLiteral(cl.Cond); ok && lit == want {
			match = i
			break
		}
	}
	if match < 0 {
		for i, cl := range sw.List {
			if cl.Cond == nil {
				match = i
			}
		}
	}
	if match < 0 {
		return nil
	}
	for _, cl := range sw.List[match:] {
		if len(cl.List) > 0 {
			if ret, ok := cl.List[len(cl.List)-1].(*js.ReturnStmt); ok {
				return ret.Value
			}
			return nil
		}
	}
	return nil
}

// finalReturn is the value of the return statement that ends fn's body
// (an arrow's expression body included), nil when it ends otherwise, a
// generator, or async unless allowAsync. Each const the body declares
// before it is passed to onConst.
func finalReturn(fn js.INode, allowAsync bool, onConst func(v *js.Var, init js.IExpr)) js.IExpr {
	body := funcBody(fn, allowAsync)
	if len(body) == 0 {
		return nil
	}
	ret, ok := body[len(body)-1].(*js.ReturnStmt)
	if !ok || ret.Value == nil {
		return nil
	}
	for _, st := range body[:len(body)-1] {
		if d, ok := st.(*js.VarDecl); ok && d.TokenType == js.ConstToken {
			for _, el := range d.List {
				if v, ok := el.Binding.(*js.Var); ok && el.Default != nil {
					onConst(v, el.Default)
				}
			}
		}
	}
	return ret.Value
}

// evalCall evaluates a call of a project function: a local helper's
// return value with the call's arguments, or (where calls are followed
// across modules) an imported function's, as a piece the project fills.
func (s *scanner) evalCall(c *js.CallExpr, depth int) []Value {
	v, ok := c.X.(*js.Var)
	if !ok || s.inline != nil {
		return hole(source.Span{}) // one level: a helper's own calls are not followed
	}
	decl := s.declOf(v)
	if fn := s.funcNodes[decl]; fn != nil {
		args, ok := s.callArgs(c)
		if !ok {
			return hole(source.Span{})
		}
		rets := s.returnExprs(fn, args)
		if len(rets) == 0 {
			return hole(source.Span{})
		}
		s.inline = &inlineFrame{fn: fn, args: args}
		var vs []Value
		for _, ret := range rets {
			vs = union(vs, s.eval(ret, depth+1))
		}
		s.inline = nil
		return vs
	}
	ib, imported := s.imports[string(v.Data)]
	if !imported || !s.followCalls || sdkModule(ib.module) || ib.name == "*" || s.params[decl].fn != nil {
		return hole(source.Span{})
	}
	args, ok := s.callArgs(c)
	if !ok {
		return hole(source.Span{})
	}
	return []Value{{Pieces: []Piece{{Kind: PieceImport, Module: ib.module, Name: ib.name, Call: true, Args: args}}}}
}

// callArgs evaluates the arguments of a helper's call (calls among them
// are not followed: one level); ok is false for a spread argument.
func (s *scanner) callArgs(c *js.CallExpr) ([]Arg, bool) {
	follow := s.followCalls
	s.followCalls = false
	defer func() { s.followCalls = follow }()
	args := []Arg{}
	for _, a := range c.Args.List {
		if a.Rest {
			return nil, false
		}
		args = append(args, s.evalArg(a.Value))
	}
	return args, true
}

// inlinedParam evaluates a parameter (or its option key) of the helper
// being evaluated: the call's argument, the parameter's default when the
// call passes nothing, or, for the helper's own facts, the parameter.
func (s *scanner) inlinedParam(decl *js.Var, key string, depth int) ([]Value, bool) {
	info, ok := s.params[decl]
	if !ok || s.inline == nil || info.fn != s.inline.fn {
		return nil, false
	}
	p := Piece{Kind: PieceParam, Param: info.index, Key: info.key}
	if key != "" {
		if p.Key != "" {
			return hole(source.Span{}), true // an option of an option
		}
		p.Key = key
	}
	if s.inline.symbolic {
		return []Value{{Pieces: []Piece{p}}}, true
	}
	if vs, present := argValues(s.inline.args, p); present {
		return vs, true
	}
	if info.def != nil && key == "" {
		frame := s.inline
		s.inline = nil // the default is written in the helper, evaluated as is
		vs := s.eval(info.def, depth+1)
		s.inline = frame
		return indirectAll(vs), true
	}
	return hole(source.Span{}), true // undefined
}

// exportedHelpers records, for other modules, the return values of the
// module's exported helpers, in terms of their parameters.
func (s *scanner) exportedHelpers() {
	for _, local := range source.SortedKeys(s.topFuncs) {
		exported := s.exportNames[local]
		if len(exported) == 0 {
			continue
		}
		fn := s.topFuncs[local]
		rets := s.returnExprs(fn, nil)
		if len(rets) == 0 {
			continue
		}
		s.inline = &inlineFrame{fn: fn, symbolic: true}
		var vs []Value
		for _, ret := range rets {
			vs = union(vs, s.eval(ret, 0))
		}
		s.inline = nil
		if !helperValue(vs) {
			continue
		}
		if s.facts.Helpers == nil {
			s.facts.Helpers = map[string][]Value{}
		}
		for _, name := range exported {
			s.facts.Helpers[name] = indirectAll(vs)
		}
	}
}

// helperValue: a return value worth keeping for other modules: one with
// some text written in the helper.
func helperValue(vs []Value) bool {
	for _, v := range vs {
		if v.Has(PieceText) {
			return true
		}
	}
	return false
}

func indirectAll(vs []Value) []Value {
	out := make([]Value, len(vs))
	for i, v := range vs {
		out[i] = indirect(v)
	}
	return out
}
