package jscode

import (
	"strings"

	"github.com/tdewolff/parse/v2/js"
	"github.com/wranglint/wranglint/lint/source"
)

// paramInfo places a parameter: which function, which argument, and the
// option key when the argument is destructured (`({ agent }) => ...`).
type paramInfo struct {
	fn    js.INode
	index int
	key   string
	def   js.IExpr // the default value, or nil
}

// bindingItem reads `key: v` or `v` (with or without a default) of an
// object pattern.
func bindingItem(item js.BindingObjectItem) (*js.Var, string, bool) {
	v, ok := item.Value.Binding.(*js.Var)
	if !ok {
		return nil, "", false
	}
	key := string(v.Data)
	if item.Key != nil && item.Key.Computed == nil && len(item.Key.Literal.Data) > 0 {
		key = unquoteJS(item.Key.Literal.Data)
	}
	return v, key, true
}

// frame is a function being walked, with the name it is bound to.
type frame struct {
	node js.INode
	name string
}

// enterFunc registers a function's parameters and pushes its frame.
func (s *scanner) enterFunc(n js.INode, params js.Params) {
	s.registerParams(n, params)
	s.frames = append(s.frames, frame{node: n, name: s.fnNames[n]})
}

// exitFunc pops the frame of n.
func (s *scanner) exitFunc(n js.INode) {
	if len(s.frames) > 0 && s.frames[len(s.frames)-1].node == n {
		s.frames = s.frames[:len(s.frames)-1]
	}
}

// enclosingFunc names the innermost function being walked ("" when
// there is none, or it has no name to be called by).
func (s *scanner) enclosingFunc() string {
	if len(s.frames) == 0 {
		return ""
	}
	return s.frames[len(s.frames)-1].name
}

// nameFunctions remembers the names functions are bound to:
// `const useNamed = (agent) => ...`, `const f = function () {}`.
func (s *scanner) nameFunctions(d *js.VarDecl) {
	for _, el := range d.List {
		v, ok := el.Binding.(*js.Var)
		if !ok {
			continue
		}
		switch fn := el.Default.(type) {
		case *js.ArrowFunc:
			s.fnNames[fn] = string(v.Data)
			s.funcVars[v] = string(v.Data)
			if d.TokenType == js.ConstToken {
				s.registerFunc(v, fn)
			}
		case *js.FuncDecl:
			s.fnNames[fn] = string(v.Data)
			s.funcVars[v] = string(v.Data)
			if d.TokenType == js.ConstToken {
				s.registerFunc(v, fn)
			}
		}
	}
}

// projectCall records a call of a function of this project: a local one
// (resolved when the walk ends) or one imported from a project module
// (resolved by the project). JSX elements are calls of their component.
func (s *scanner) projectCall(x js.IExpr, args []js.Arg, site source.Span) {
	if ib, ok := s.callee(x); ok && jsxFactories[ib.name] && (ib.module == "react" || ib.module == "react/jsx-runtime" || ib.module == "react/jsx-dev-runtime") || isReactCreateElement(x) {
		if len(args) >= 2 {
			s.projectCall(args[0].Value, args[1:2], site)
		}
		return
	}
	if !site.Valid() && len(args) > 0 {
		site = s.argSite(args[0].Value)
	}
	c := Call{Span: site}
	switch t := x.(type) {
	case *js.Var:
		if name, local := s.funcVars[s.declOf(t)]; local {
			c.Local = name
		} else if ib, imported := s.imports[string(t.Data)]; imported && !sdkModule(ib.module) && s.params[s.declOf(t)].fn == nil {
			c.Module, c.Name = ib.module, ib.name
		} else {
			return
		}
	case *js.DotExpr:
		// api.connect(...) on an imported object or namespace: declared
		// clients may name a method.
		v, ok := t.X.(*js.Var)
		if !ok {
			return
		}
		ib, imported := s.imports[string(v.Data)]
		if !imported || sdkModule(ib.module) {
			return
		}
		c.Module, c.Name = ib.module, propertyName(t.Y)
		if ib.name != "*" {
			c.Name = ib.name + "." + c.Name
		}
	default:
		return
	}
	known := false
	for _, a := range args {
		arg := s.evalArg(a.Value)
		known = known || arg.hasText()
		c.Args = append(c.Args, arg)
	}
	switch {
	case c.Local != "":
		s.localCalls = append(s.localCalls, c) // a call of a wrapper with nothing known is a skipped client call
	case known:
		s.facts.Calls = append(s.facts.Calls, c)
	default:
		c.Args = nil
		s.facts.OpaqueCalls = append(s.facts.OpaqueCalls, c)
	}
}

func isReactCreateElement(x js.IExpr) bool {
	d, ok := x.(*js.DotExpr)
	if !ok {
		return false
	}
	v, ok := d.X.(*js.Var)
	return ok && string(v.Data) == "React" && propertyName(d.Y) == "createElement"
}

// evalArg evaluates one argument of a call, key by key for an object.
func (s *scanner) evalArg(e js.IExpr) Arg {
	if opts, ok := s.optionValues(e, 0); ok {
		return Arg{Props: opts}
	}
	return Arg{Values: s.eval(e, 0)}
}

func argsKnown(args []Arg) bool {
	for _, a := range args {
		if a.hasText() {
			return true
		}
	}
	return false
}

func (a Arg) hasText() bool {
	for _, v := range a.Values {
		if v.Has(PieceText) || v.Has(PieceImport) {
			return true
		}
	}
	for _, vs := range a.Props {
		for _, v := range vs {
			if v.Has(PieceText) || v.Has(PieceImport) {
				return true
			}
		}
	}
	return false
}

// finishWrappers fills local wrappers from the calls in this module and
// lists the exported ones for other modules. A call whose values are
// known only at run time is a client call not judged (--verbose).
func (s *scanner) finishWrappers() {
	// called: some call fills the wrapper (for a URL, with a value known
	// in part; a URL call with nothing known is not listed by call).
	called := map[string]bool{}
	calledKnown := map[string]bool{}
	for _, c := range s.localCalls {
		ts := s.wrappers[c.Local]
		if len(ts) == 0 {
			continue
		}
		called[c.Local] = true
		calledKnown[c.Local] = calledKnown[c.Local] || argsKnown(c.Args)
		for _, t := range ts {
			filled, unknown := t.Fill(c.Args)
			if unknown != "" {
				s.skip(t.Via, "its "+unknown+" is computed at run time where "+c.Local+"() is called", c.Span)
			}
			for _, f := range filled {
				if f.Kind == RefLiteralURL {
					f.Value = ParamsAsHoles(f.Value) // the caller's own parameters: filled at run time
				}
				if why := OpenAfterFill(f, c.Local); why != "" {
					s.skip(f.Via, why, c.Span)
					continue
				}
				s.emit(f)
			}
		}
	}
	for _, name := range source.SortedKeys(s.wrappers) {
		ts := s.wrappers[name]
		exported := s.exportNames[name]
		for _, t := range ts {
			if len(exported) > 0 {
				s.facts.Wrappers = append(s.facts.Wrappers, Wrapper{Local: name, Exported: exported, Template: t})
			} else if !called[name] || t.Kind == RefLiteralURL && !calledKnown[name] {
				s.skip(t.Via, "its value is a parameter of "+name+"(), which nothing calls with a known value", t.Span)
			}
		}
	}
}

// OpenAfterFill says why a template filled by a call of the wrapper
// named fn cannot be judged ("" when it can): its value is still a
// parameter (of the function making the call: wranglint follows one
// level), or is computed at run time. A URL is judged with holes, so
// only its namespace matters, and a URL call is no client call to list.
func OpenAfterFill(t Template, fn string) string {
	switch {
	case t.Kind == RefLiteralURL:
		return ""
	case t.Open():
		return "its " + t.Option + " is a parameter of the function calling " + fn + "(): wranglint follows one level of wrapper"
	case !t.Value.Known():
		return "its " + t.Option + " is computed at run time where " + fn + "() is called"
	}
	return ""
}

// sdkModule: the SDK's and React's own modules, whose clients the scanner
// knows by name; their calls are not project calls.
func sdkModule(spec string) bool {
	for _, m := range []string{"agents", "agents-sdk", "partysocket", "partyserver", "react", "@cloudflare/voice"} {
		if spec == m || strings.HasPrefix(spec, m+"/") {
			return true
		}
	}
	return false
}
