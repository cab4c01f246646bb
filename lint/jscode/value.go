package jscode

import (
	"strings"

	"github.com/tdewolff/parse/v2/js"
	"github.com/wranglint/wranglint/lint/source"
)

// PieceKind says what one piece of a string value is.
type PieceKind uint8

const (
	// PieceText is text known before run time.
	PieceText PieceKind = iota
	// PieceHole is filled at run time with something unknown.
	PieceHole
	// PieceParam is a parameter of the enclosing function: a call with a
	// known argument fills it (one level of project-local wrapper).
	PieceParam
	// PieceImport is a value imported from another module of the project,
	// filled in once every module is scanned.
	PieceImport
)

// Transform is a string method applied to a value: toLowerCase,
// toUpperCase, or replace / replaceAll with literal arguments.
type Transform struct {
	Op       string // "lower", "upper", "replace" or "replaceAll"
	From, To string
}

// Apply transforms s as the JavaScript method would.
func (t Transform) Apply(s string) string {
	switch t.Op {
	case "lower":
		return strings.ToLower(s)
	case "upper":
		return strings.ToUpper(s)
	case "replace":
		return strings.Replace(s, t.From, t.To, 1)
	case "replaceAll":
		return strings.ReplaceAll(s, t.From, t.To)
	}
	return s
}

// Piece is one part of a string value.
type Piece struct {
	Kind PieceKind
	Text string // PieceText: the text (transforms already applied)
	// Span is the literal the text is written in (PieceText), or the
	// expression of a hole, parameter or import; it may be invalid.
	Span source.Span
	// Exact: Text is the literal's whole content, unchanged, so an edit of
	// the literal changes exactly this text.
	Exact bool
	// Direct: the literal is written where the value is used, not in a
	// const that other code may also read.
	Direct bool
	Param  int    // PieceParam: the parameter's index
	Key    string // PieceParam: the option key when the parameter is an object ("" for the whole argument)
	Module string // PieceImport: the module specifier
	Name   string // PieceImport: the imported name
	// Call: a PieceImport that is what the imported function returns when
	// called with Args (a helper of another module; see helpers.go).
	Call bool
	Args []Arg
	// Transforms are applied to what fills a parameter or import.
	Transforms []Transform
}

// Value is a string value known in part, as a sequence of pieces.
type Value struct {
	Pieces []Piece
}

// Known reports whether every piece is text.
func (v Value) Known() bool {
	for _, p := range v.Pieces {
		if p.Kind != PieceText {
			return false
		}
	}
	return true
}

// Has reports whether some piece is of kind k.
func (v Value) Has(k PieceKind) bool {
	for _, p := range v.Pieces {
		if p.Kind == k {
			return true
		}
	}
	return false
}

// Text joins the text pieces, writing holes as "${…}".
func (v Value) Text() string {
	var b strings.Builder
	for _, p := range v.Pieces {
		if p.Kind == PieceText {
			b.WriteString(p.Text)
		} else {
			b.WriteString("${…}")
		}
	}
	return b.String()
}

// Single returns the only text piece of a known value made of one
// literal: the value's text and the literal it is written in.
func (v Value) Single() (Piece, bool) {
	if len(v.Pieces) == 1 && v.Pieces[0].Kind == PieceText {
		return v.Pieces[0], true
	}
	return Piece{}, false
}

// maxAlternatives bounds how many values one expression may stand for
// (a || b ?? c ? d : e ...), so that evaluation stays small.
const maxAlternatives = 16

// maxEvalDepth bounds recursion through consts and nested expressions.
const maxEvalDepth = 24

func concat(a, b []Value) []Value {
	var out []Value
	for _, x := range a {
		for _, y := range b {
			if len(out) == maxAlternatives {
				return out
			}
			pieces := append(append([]Piece(nil), x.Pieces...), y.Pieces...)
			out = append(out, Value{Pieces: pieces})
		}
	}
	return out
}

func union(a, b []Value) []Value {
	out := append([]Value(nil), a...)
	for _, v := range b {
		if len(out) == maxAlternatives {
			break
		}
		out = append(out, v)
	}
	return out
}

func hole(span source.Span) []Value {
	return []Value{{Pieces: []Piece{{Kind: PieceHole, Span: span}}}}
}

// transformValues applies t to every alternative: to text now, to
// parameters and imports when they are filled.
func transformValues(vs []Value, t Transform) []Value {
	out := make([]Value, len(vs))
	for i, v := range vs {
		pieces := make([]Piece, len(v.Pieces))
		for j, p := range v.Pieces {
			switch p.Kind {
			case PieceText:
				if nt := t.Apply(p.Text); nt != p.Text {
					p.Text, p.Exact = nt, false
				}
			case PieceParam, PieceImport:
				p.Transforms = append(append([]Transform(nil), p.Transforms...), t)
			}
			pieces[j] = p
		}
		out[i] = Value{Pieces: pieces}
	}
	return out
}

// eval returns the values e can stand for. Unknown parts are holes; an
// alternative that is only a hole (the unknown side of `a || "x"`) is
// dropped where other alternatives exist.
func (s *scanner) eval(e js.IExpr, depth int) []Value {
	if e == nil || depth > maxEvalDepth {
		return hole(source.Span{})
	}
	switch t := e.(type) {
	case *js.LiteralExpr:
		if t.TokenType == js.StringToken {
			return []Value{{Pieces: []Piece{s.literalPiece(t.Data, unquoteJS(t.Data))}}}
		}
	case *js.TemplateExpr:
		if t.Tag == nil {
			return s.evalTemplate(t, depth)
		}
	case *js.GroupExpr:
		return s.eval(t.X, depth+1)
	case *js.Var:
		return s.evalVar(t, depth)
	case *js.DotExpr:
		if v, ok := t.X.(*js.Var); ok {
			if vs, ok := s.inlinedParam(s.declOf(v), propertyName(t.Y), depth); ok {
				return vs
			}
		}
		return s.evalMember(t.X, propertyName(t.Y), depth+1)
	case *js.IndexExpr:
		if key, ok := stringLiteral(t.Y); ok {
			return s.evalMember(t.X, key, depth+1)
		}
	case *js.BinaryExpr:
		return s.evalBinary(t, depth)
	case *js.CondExpr:
		return dropHoles(union(s.eval(t.X, depth+1), s.eval(t.Y, depth+1)))
	case *js.CallExpr:
		if tr, obj, ok := stringMethod(t); ok {
			return transformValues(s.eval(obj, depth+1), tr)
		}
		return s.evalCall(t, depth)
	}
	return hole(source.Span{})
}

func (s *scanner) evalBinary(t *js.BinaryExpr, depth int) []Value {
	switch t.Op {
	case js.AddToken:
		return concat(s.eval(t.X, depth+1), s.eval(t.Y, depth+1))
	case js.OrToken, js.NullishToken:
		return dropHoles(union(s.eval(t.X, depth+1), s.eval(t.Y, depth+1)))
	}
	return hole(source.Span{})
}

// dropHoles removes alternatives that are a single hole, unless nothing
// else is left.
func dropHoles(vs []Value) []Value {
	var out []Value
	for _, v := range vs {
		if !(len(v.Pieces) == 1 && v.Pieces[0].Kind == PieceHole) {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		return vs[:min(1, len(vs))]
	}
	return out
}

func (s *scanner) evalTemplate(t *js.TemplateExpr, depth int) []Value {
	tok := t.Tail
	if len(t.List) > 0 {
		tok = t.List[0].Value
	}
	span, _ := s.doc.literalSpan(tok)
	out := []Value{{}}
	for _, part := range t.List {
		out = concat(out, []Value{{Pieces: []Piece{{Kind: PieceText, Text: templateText(part.Value), Span: span, Direct: s.inline == nil}}}})
		out = concat(out, s.eval(part.Expr, depth+1))
	}
	out = concat(out, []Value{{Pieces: []Piece{{Kind: PieceText, Text: templateText(t.Tail), Span: span, Direct: s.inline == nil}}}})
	if len(t.List) == 0 && len(out) == 1 {
		out[0].Pieces[0].Exact = true // a template without substitutions is a plain literal
	}
	return out
}

// literalPiece is a string literal's text with its place.
func (s *scanner) literalPiece(tok []byte, text string) Piece {
	span, ok := s.doc.literalSpan(tok)
	exact := ok && span.End-span.Start == len(text)+2 && !strings.ContainsRune(span.Text(), '\\')
	return Piece{Kind: PieceText, Text: text, Span: span, Exact: exact, Direct: s.inline == nil} // a helper's text serves every call
}

// evalVar follows a variable to a const's value, a parameter of the
// enclosing function, or an import.
func (s *scanner) evalVar(v *js.Var, depth int) []Value {
	decl := s.declOf(v)
	if obj := s.keyVars[decl]; obj != nil {
		return s.objectKeys(obj, depth+1)
	}
	if vs, ok := s.inlinedParam(decl, "", depth); ok {
		return vs
	}
	if init := s.consts[decl]; init != nil {
		vs := s.eval(init, depth+1)
		for i := range vs {
			vs[i] = indirect(vs[i])
		}
		return vs
	}
	if init := s.stateInits[decl]; init != nil {
		return indirectAll(s.eval(s.initialState(init), depth+1)) // what the first render connects with
	}
	if p, ok := s.paramOf(v); ok {
		out := []Value{{Pieces: []Piece{p}}}
		if def := s.params[decl].def; def != nil {
			out = union(out, s.eval(def, depth+1)) // what ships when the caller passes nothing
		}
		return out
	}
	if d, ok := s.destructs[decl]; ok {
		return dropHoles(union(s.evalMember(d.src, d.key, depth+1), s.eval(d.def, depth+1)))
	}
	if ib, ok := s.imports[string(v.Data)]; ok && decl.Decl != js.ArgumentDecl {
		if !sdkModule(ib.module) && ib.name != "*" {
			return []Value{{Pieces: []Piece{{Kind: PieceImport, Module: ib.module, Name: ib.name}}}}
		}
	}
	return hole(source.Span{})
}

// stateInitOf is the initial value given to a React state hook
// (useState(init) or React.useState(init)), or nil.
func (s *scanner) stateInitOf(e js.IExpr) js.IExpr {
	c, ok := e.(*js.CallExpr)
	if !ok || len(c.Args.List) == 0 || c.Args.List[0].Rest {
		return nil
	}
	var local string
	switch x := c.X.(type) {
	case *js.Var:
		local = string(x.Data)
		if ib := s.imports[local]; ib.name != "useState" || !reactModule(ib.module) {
			return nil
		}
	case *js.DotExpr:
		v, isVar := x.X.(*js.Var)
		if !isVar || propertyName(x.Y) != "useState" || !reactModule(s.imports[string(v.Data)].module) {
			return nil
		}
	default:
		return nil
	}
	return c.Args.List[0].Value
}

func reactModule(m string) bool {
	return m == "react" || m == "preact/hooks" || m == "preact/compat"
}

// initialState is what an initial state stands for: the value, or what
// its initializer function returns (useState(() => saved || "chat")).
func (s *scanner) initialState(init js.IExpr) js.IExpr {
	switch f := init.(type) {
	case *js.ArrowFunc, *js.FuncDecl:
		return s.returnExpr(f)
	}
	return init
}

// indirect marks a value read through a const: its literals are not
// written in place.
func indirect(v Value) Value {
	pieces := make([]Piece, len(v.Pieces))
	for i, p := range v.Pieces {
		p.Direct = false
		pieces[i] = p
	}
	return Value{Pieces: pieces}
}

// declOf follows a use to the variable it refers to (tdewolff links a
// use in an inner scope to the declaration).
func (s *scanner) declOf(v *js.Var) *js.Var {
	for hops := 0; v.Link != nil && hops < maxLinkHops; hops++ {
		v = v.Link
	}
	return v
}

// paramOf reports whether x is a parameter of an enclosing function (or
// a destructured option of one).
func (s *scanner) paramOf(x js.IExpr) (Piece, bool) {
	v, ok := x.(*js.Var)
	if !ok {
		return Piece{}, false
	}
	info, ok := s.params[s.declOf(v)]
	if !ok {
		return Piece{}, false
	}
	return Piece{Kind: PieceParam, Param: info.index, Key: info.key}, true
}

// stringMethod recognises x.toLowerCase(), x.toUpperCase() and
// x.replace("a", "b") / x.replaceAll("a", "b") with literal arguments.
func stringMethod(c *js.CallExpr) (Transform, js.IExpr, bool) {
	d, ok := c.X.(*js.DotExpr)
	if !ok {
		return Transform{}, nil, false
	}
	switch m := propertyName(d.Y); m {
	case "toLowerCase", "toLocaleLowerCase":
		return Transform{Op: "lower"}, d.X, len(c.Args.List) == 0
	case "toUpperCase", "toLocaleUpperCase":
		return Transform{Op: "upper"}, d.X, len(c.Args.List) == 0
	case "replace", "replaceAll":
		if len(c.Args.List) != 2 {
			return Transform{}, nil, false
		}
		from, ok1 := stringLiteral(c.Args.List[0].Value)
		to, ok2 := stringLiteral(c.Args.List[1].Value)
		return Transform{Op: m, From: from, To: to}, d.X, ok1 && ok2
	}
	return Transform{}, nil, false
}

func stringLiteral(e js.IExpr) (string, bool) {
	if l, ok := e.(*js.LiteralExpr); ok && l.TokenType == js.StringToken {
		return unquoteJS(l.Data), true
	}
	return "", false
}

// destructInfo is a variable taken from an object with a default:
// `const { key: v = def } = src`.
type destructInfo struct {
	src, def js.IExpr
	key      string
}

// evalMember evaluates src.key: a parameter's option, or a key of a known
// object.
func (s *scanner) evalMember(src js.IExpr, key string, depth int) []Value {
	if p, ok := s.paramOf(src); ok && p.Key == "" {
		p.Key = key
		return []Value{{Pieces: []Piece{p}}}
	}
	if opts, ok := s.optionValues(src, depth); ok {
		if vs, ok := opts[key]; ok {
			return vs
		}
		return hole(source.Span{})
	}
	if p, ok := s.importedMember(src, key); ok {
		return []Value{{Pieces: []Piece{p}}}
	}
	return hole(source.Span{})
}

// importedMember is key of an object another module of the project
// exports: `NAMES.chat` after `import { NAMES } from "./names"`, or
// `ns.NAME` after `import * as ns from "./names"`. The exporting module
// records its const objects' keys as "NAMES.chat" (see finish).
func (s *scanner) importedMember(src js.IExpr, key string) (Piece, bool) {
	v, ok := src.(*js.Var)
	if !ok || key == "" {
		return Piece{}, false
	}
	ib, ok := s.imports[string(v.Data)]
	if !ok || s.declOf(v).Decl == js.ArgumentDecl || sdkModule(ib.module) {
		return Piece{}, false
	}
	name := ib.name + "." + key
	if ib.name == "*" {
		name = key
	}
	return Piece{Kind: PieceImport, Module: ib.module, Name: name}, true
}
