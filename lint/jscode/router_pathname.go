package jscode

import (
	"strconv"
	"strings"

	"github.com/tdewolff/parse/v2/js"
	"github.com/wranglint/wranglint/lint/source"
)

// Pathname routers: a function whose own statements dispatch on the
// request URL's pathname. The function's top-level statements (and those
// of a top-level try block) are read in order:
//
//   - `if (<path test>) ...` adds the routes the test names (`===`/`==`
//     with a literal, `||` of tests, `startsWith` for a prefix, `&&` with
//     `request.method === "X"` for the method); `else` branches are read
//     as the statements that follow;
//   - `switch (<pathname>) { case "/a": ... }` adds one route per literal
//     case; a `default` that answers (anything but an error status or no
//     return) is a catch-all;
//   - an `if` that tests something else and returns a response that is
//     not an error (status 400-599) answers any path: a catch-all, or a
//     route `<method> /*` when it tests only the method;
//   - a final `return` that is not an error response is a catch-all;
//   - a test the reader cannot enumerate (a regular expression, `!==`,
//     endsWith, includes) or a statement it does not follow (a loop that
//     returns) leaves the router open.
//
// The pathname is `<x>.pathname`, or a variable taken from one
// (`const path = url.pathname`, `const { pathname } = new URL(...)`).

// pathnameRouter reads a function body; ok is false when the body tests
// no pathname at all.
func (s *scanner) pathnameRouter(name string, body *js.BlockStmt) (RouterFact, bool) {
	pr := &pathReader{s: s, vars: map[*js.Var]bool{}, derived: map[*js.Var]bool{}, methods: map[*js.Var]bool{},
		r: RouterFact{Kind: RouterPathname, Name: name}}
	pr.stmts(body.List, 0)
	return pr.r, pr.tests > 0
}

type pathReader struct {
	s    *scanner
	vars map[*js.Var]bool // variables holding the pathname
	// derived are variables computed from it (a match result).
	derived map[*js.Var]bool
	// methods are variables holding the request method.
	methods map[*js.Var]bool
	r       RouterFact
	tests   int
}

func (pr *pathReader) open(why string) {
	if pr.r.Open == "" {
		pr.r.Open = why
	}
}

func (pr *pathReader) catchAll(span source.Span) {
	if !pr.r.CatchAll {
		pr.r.CatchAll, pr.r.CatchAllSpan = true, span
	}
}

func (pr *pathReader) stmts(list []js.IStmt, depth int) {
	if depth > 8 {
		pr.open("dispatch nested too deep")
		return
	}
	for _, st := range list {
		pr.stmt(st, depth)
	}
}

func (pr *pathReader) stmt(st js.IStmt, depth int) {
	switch t := st.(type) {
	case *js.VarDecl:
		pr.varDecl(t)
	case *js.IfStmt:
		pr.ifStmt(t, depth)
	case *js.SwitchStmt:
		pr.switchStmt(t)
	case *js.ReturnStmt:
		if t.Value != nil && !pr.s.errorResponse(t.Value) {
			pr.catchAll(source.Span{})
		}
	case *js.TryStmt:
		if t.Body != nil {
			pr.stmts(t.Body.List, depth+1)
		}
	case *js.BlockStmt:
		pr.stmts(t.List, depth+1)
	case *js.ExprStmt, *js.ThrowStmt, *js.EmptyStmt, *js.FuncDecl, *js.ClassDecl:
	default:
		if containsReturn(st) {
			pr.open("a statement wranglint does not follow answers requests")
		}
	}
}

// varDecl notes variables that hold the pathname.
func (pr *pathReader) varDecl(d *js.VarDecl) {
	for _, el := range d.List {
		switch b := el.Binding.(type) {
		case *js.Var:
			switch {
			case el.Default == nil:
			case pr.isPath(el.Default):
				pr.vars[b] = true
			case isMethodExpr(el.Default):
				pr.methods[b] = true
			case pr.mentionsPath(el.Default):
				pr.derived[b] = true // `const m = path.match(re)`: tests on m test the path
			}
		case *js.BindingObject:
			for _, item := range b.List {
				if v, key, ok := bindingItem(item); ok && key == "pathname" {
					pr.vars[v] = true
				}
			}
		}
	}
}

// isPath: `<x>.pathname` or a variable holding it.
func (pr *pathReader) isPath(e js.IExpr) bool {
	switch t := e.(type) {
	case *js.DotExpr:
		return propertyName(t.Y) == "pathname"
	case *js.Var:
		return pr.vars[pr.s.declOf(t)]
	case *js.GroupExpr:
		return pr.isPath(t.X)
	}
	return false
}

// mentionsPath reports whether e reads the pathname anywhere.
func (pr *pathReader) mentionsPath(e js.IExpr) bool {
	found := false
	js.Walk(visitFunc(func(n js.INode) bool {
		if x, ok := n.(js.IExpr); ok && pr.isPath(x) {
			found = true
		}
		if v, ok := n.(*js.Var); ok && pr.derived[pr.s.declOf(v)] {
			found = true
		}
		return !found
	}), e)
	return found
}

// pathTest is what a condition says about the path.
type pathTest struct {
	routes []Route
	method string // a method test without path ("" when none)
	path   bool   // the condition restricts the path
	opaque bool   // it reads the path in a way that cannot be enumerated
}

func (pr *pathReader) cond(e js.IExpr, depth int) pathTest {
	if depth > 16 {
		return pathTest{opaque: true}
	}
	switch t := e.(type) {
	case *js.GroupExpr:
		return pr.cond(t.X, depth+1)
	case *js.BinaryExpr:
		switch t.Op {
		case js.EqEqEqToken, js.EqEqToken:
			if lit, ok := pr.literalSide(t.X, t.Y); ok {
				return pathTest{path: true, routes: []Route{{Method: "ALL", Path: lit.text, Span: lit.span}}}
			}
			if m, ok := pr.methodTest(t.X, t.Y); ok {
				return pathTest{method: m}
			}
		case js.AndToken:
			a, b := pr.cond(t.X, depth+1), pr.cond(t.Y, depth+1)
			switch {
			case a.opaque || b.opaque:
				return pathTest{opaque: true, path: true}
			case a.path && b.path:
				return pathTest{opaque: true, path: true}
			case a.path || b.path:
				pt, other := a, b
				if b.path {
					pt, other = b, a
				}
				if other.method != "" {
					for i := range pt.routes {
						pt.routes[i].Method = other.method
					}
				}
				return pt
			case a.method != "":
				return a
			case b.method != "":
				return b
			}
			return pathTest{}
		case js.OrToken:
			a, b := pr.cond(t.X, depth+1), pr.cond(t.Y, depth+1)
			switch {
			case a.opaque || b.opaque:
				return pathTest{opaque: true, path: true}
			case a.path && b.path:
				return pathTest{path: true, routes: append(a.routes, b.routes...)}
			case a.path || b.path:
				return pathTest{} // one side lets any path through
			}
			return pathTest{}
		}
	case *js.CallExpr:
		if d, ok := t.X.(*js.DotExpr); ok && pr.isPath(d.X) && propertyName(d.Y) == "startsWith" && len(t.Args.List) == 1 {
			if lit, ok := pr.s.literalPath(t.Args.List[0].Value); ok {
				return pathTest{path: true, routes: []Route{{Method: "ALL", Path: lit, Prefix: true, Span: pr.s.literalSpanOf(t.Args.List[0].Value)}}}
			}
		}
	}
	if pr.mentionsPath(e) {
		return pathTest{opaque: true, path: true}
	}
	return pathTest{}
}

type litText struct {
	text string
	span source.Span
}

// literalSide finds `<path> === "lit"` either way round.
func (pr *pathReader) literalSide(x, y js.IExpr) (litText, bool) {
	if pr.isPath(y) {
		x, y = y, x
	}
	if !pr.isPath(x) {
		return litText{}, false
	}
	lit, ok := pr.s.literalPath(y)
	if !ok {
		return litText{}, false
	}
	return litText{lit, pr.s.literalSpanOf(y)}, true
}

// methodTest finds `<x>.method === "POST"` either way round.
func (pr *pathReader) methodTest(x, y js.IExpr) (string, bool) {
	isMethod := func(e js.IExpr) bool {
		if v, ok := e.(*js.Var); ok {
			return pr.methods[pr.s.declOf(v)]
		}
		return isMethodExpr(e)
	}
	if isMethod(y) {
		x, y = y, x
	}
	if !isMethod(x) {
		return "", false
	}
	lit, ok := stringLiteral(y)
	return strings.ToUpper(lit), ok
}

func (pr *pathReader) ifStmt(t *js.IfStmt, depth int) {
	pt := pr.cond(t.Cond, 0)
	switch {
	case pt.opaque:
		pr.tests++
		pr.open("a path test wranglint cannot enumerate")
	case pt.path:
		pr.tests++
		pr.r.Routes = append(pr.r.Routes, pt.routes...)
		if pr.r.Span.File == nil && len(pt.routes) > 0 {
			pr.r.Span = pt.routes[0].Span
		}
	default:
		if answers(pr.s, t.Body) {
			if pt.method != "" {
				pr.r.Routes = append(pr.r.Routes, Route{Method: pt.method, Path: "/*"})
			} else {
				pr.catchAll(source.Span{})
			}
		}
	}
	if t.Else != nil {
		pr.stmt(t.Else, depth+1)
	}
}

func (pr *pathReader) switchStmt(t *js.SwitchStmt) {
	if !pr.isPath(t.Init) {
		if pr.mentionsPath(t.Init) {
			pr.tests++
			pr.open("a switch on a value derived from the path")
		} else {
			for _, cl := range t.List {
				if answersList(pr.s, cl.List) {
					pr.catchAll(source.Span{})
				}
			}
		}
		return
	}
	pr.tests++
	for _, cl := range t.List {
		if cl.Cond == nil {
			if answersList(pr.s, cl.List) {
				pr.catchAll(source.Span{})
			}
			continue
		}
		lit, ok := pr.s.literalPath(cl.Cond)
		if !ok {
			pr.open("a case that is not a literal path")
			continue
		}
		route := Route{Method: "ALL", Path: lit, Span: pr.s.literalSpanOf(cl.Cond)}
		if pr.r.Span.File == nil {
			pr.r.Span = route.Span
		}
		pr.r.Routes = append(pr.r.Routes, route)
	}
}

// answers reports whether a statement returns a response that is not an
// error somewhere.
func answers(s *scanner, st js.IStmt) bool {
	found := false
	js.Walk(visitFunc(func(n js.INode) bool {
		switch t := n.(type) {
		case *js.ReturnStmt:
			if t.Value != nil && !s.errorResponse(t.Value) {
				found = true
			}
		case *js.FuncDecl, *js.ArrowFunc, *js.MethodDecl, *js.ClassDecl:
			return false // returns of nested functions are theirs
		}
		return !found
	}), st)
	return found
}

func answersList(s *scanner, list []js.IStmt) bool {
	for _, st := range list {
		if answers(s, st) {
			return true
		}
	}
	return false
}

func containsReturn(st js.IStmt) bool {
	found := false
	js.Walk(visitFunc(func(n js.INode) bool {
		switch n.(type) {
		case *js.ReturnStmt:
			found = true
		case *js.FuncDecl, *js.ArrowFunc, *js.MethodDecl, *js.ClassDecl:
			return false
		}
		return !found
	}), st)
	return found
}

// errorResponse recognises a response with an error status written as a
// literal: `new Response(x, { status: 404 })`, `Response.json(x, {
// status: 405 })`, `c.text("x", 404)`, `error(404)`, `Response.error()`.
func (s *scanner) errorResponse(e js.IExpr) bool {
	var args []js.Arg
	switch t := e.(type) {
	case *js.GroupExpr:
		return s.errorResponse(t.X)
	case *js.UnaryExpr:
		if t.Op == js.AwaitToken {
			return s.errorResponse(t.X)
		}
		return false
	case *js.NewExpr:
		if t.Args != nil {
			args = t.Args.List
		}
	case *js.CallExpr:
		if d, ok := t.X.(*js.DotExpr); ok && propertyName(d.Y) == "error" && calleeText(d.X) == "Response" {
			return true
		}
		args = t.Args.List
	default:
		return false
	}
	for _, a := range args {
		if errorStatus(a.Value) {
			return true
		}
		if o, ok := a.Value.(*js.ObjectExpr); ok {
			for _, p := range o.List {
				if p.Name != nil && p.Name.Computed == nil && unquoteJS(p.Name.Literal.Data) == "status" && errorStatus(p.Value) {
					return true
				}
			}
		}
	}
	return false
}

func errorStatus(e js.IExpr) bool {
	lit, ok := e.(*js.LiteralExpr)
	if !ok || lit.TokenType != js.DecimalToken && lit.TokenType != js.IntegerToken {
		return false
	}
	n, err := strconv.Atoi(string(lit.Data))
	return err == nil && n >= 400 && n <= 599
}

// visitFunc adapts a function to js.IVisitor: it is called on entering
// each node and descends while it returns true.
type visitFunc func(js.INode) bool

func (f visitFunc) Enter(n js.INode) js.IVisitor {
	if f(n) {
		return f
	}
	return nil
}

func (f visitFunc) Exit(js.INode) {}

// isMethodExpr: `<x>.method`, or it upper- or lower-cased.
func isMethodExpr(e js.IExpr) bool {
	if c, ok := e.(*js.CallExpr); ok && len(c.Args.List) == 0 {
		if d, ok := c.X.(*js.DotExpr); ok && (propertyName(d.Y) == "toUpperCase" || propertyName(d.Y) == "toLowerCase") {
			e = d.X
		}
	}
	d, ok := e.(*js.DotExpr)
	return ok && propertyName(d.Y) == "method"
}
