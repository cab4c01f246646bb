package jscode

import (
	"github.com/tdewolff/parse/v2/js"
	"github.com/wranglint/wranglint/lint/source"
)

// Object keys as values: `Object.entries(agents).map(([name]) => <Chat
// agent={name} />)` renders one client per key of a const object, so the
// callback's parameter is each key in turn (a union, as alternatives are).

// keyCallbacks are the array methods whose callback takes each element.
var keyCallbacks = map[string]bool{"map": true, "forEach": true, "flatMap": true, "filter": true, "some": true, "every": true, "find": true}

// keyCallback notes the key parameter of a callback over Object.keys(o)
// or Object.entries(o) (before the walk enters the callback).
func (s *scanner) keyCallback(c *js.CallExpr) {
	d, ok := c.X.(*js.DotExpr)
	if !ok || !keyCallbacks[propertyName(d.Y)] || len(c.Args.List) == 0 {
		return
	}
	obj, entries, ok := objectKeysCall(d.X)
	if !ok {
		return
	}
	var params js.Params
	switch f := c.Args.List[0].Value.(type) {
	case *js.ArrowFunc:
		params = f.Params
	case *js.FuncDecl:
		params = f.Params
	default:
		return
	}
	if len(params.List) == 0 {
		return
	}
	if v := keyBinding(params.List[0].Binding, entries); v != nil {
		s.keyVars[v] = obj
	}
}

// keyLoop notes the loop variable of `for (const k of Object.keys(o))`
// and `for (const [k, v] of Object.entries(o))`.
func (s *scanner) keyLoop(f *js.ForOfStmt) {
	obj, entries, ok := objectKeysCall(f.Value)
	if !ok {
		return
	}
	d, ok := f.Init.(*js.VarDecl)
	if !ok || len(d.List) != 1 {
		return
	}
	if v := keyBinding(d.List[0].Binding, entries); v != nil {
		s.keyVars[v] = obj
	}
}

// objectKeysCall reads Object.keys(o) / Object.entries(o).
func objectKeysCall(e js.IExpr) (obj js.IExpr, entries, ok bool) {
	c, isCall := e.(*js.CallExpr)
	if !isCall || len(c.Args.List) != 1 || c.Args.List[0].Rest {
		return nil, false, false
	}
	d, isDot := c.X.(*js.DotExpr)
	if !isDot {
		return nil, false, false
	}
	if v, isVar := d.X.(*js.Var); !isVar || string(v.Data) != "Object" {
		return nil, false, false
	}
	switch propertyName(d.Y) {
	case "keys":
		return c.Args.List[0].Value, false, true
	case "entries":
		return c.Args.List[0].Value, true, true
	}
	return nil, false, false
}

// keyBinding is the variable that takes the key: the binding itself, or
// for entries the first element of its array pattern.
func keyBinding(b js.IBinding, entries bool) *js.Var {
	if entries {
		arr, ok := b.(*js.BindingArray)
		if !ok || len(arr.List) == 0 {
			return nil
		}
		b = arr.List[0].Binding
	}
	v, _ := b.(*js.Var)
	return v
}

// objectKeys is each key of a const object literal; a spread or a
// computed key adds a hole (a key known only at run time).
func (s *scanner) objectKeys(e js.IExpr, depth int) []Value {
	for hops := 0; hops < maxLinkHops; hops++ {
		v, ok := e.(*js.Var)
		if !ok {
			break
		}
		init := s.consts[s.declOf(v)]
		if init == nil {
			return hole(source.Span{})
		}
		e = init
	}
	obj, ok := e.(*js.ObjectExpr)
	if !ok || depth > maxEvalDepth {
		return hole(source.Span{})
	}
	var out []Value
	for _, p := range obj.List {
		if p.Spread || p.Name == nil || p.Name.Computed != nil || len(p.Name.Literal.Data) == 0 {
			out = append(out, hole(source.Span{})...)
			continue
		}
		tok := p.Name.Literal.Data
		if p.Name.Literal.TokenType == js.StringToken {
			out = append(out, indirect(Value{Pieces: []Piece{s.literalPiece(tok, unquoteJS(tok))}}))
			continue
		}
		span, _ := s.placeToken(tok)
		out = append(out, Value{Pieces: []Piece{{Kind: PieceText, Text: string(tok), Span: span}}})
	}
	if len(out) == 0 {
		return hole(source.Span{})
	}
	return out
}
