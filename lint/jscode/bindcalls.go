package jscode

import (
	"strings"

	"github.com/tdewolff/parse/v2/js"
	"github.com/wranglint/wranglint/lint/source"
)

// BindingCall is a call of a method on a binding: `env.X.m(...)` (also
// `c.env.X`, `this.env.X`, `env["X"]`, a name destructured from env, or
// a const holding the binding).
type BindingCall struct {
	Binding string
	Method  string
	Span    source.Span // the method's name; may be invalid
	Args    int
	// URL is what the first argument of a fetch call can be (the URL of
	// `new Request(url, ...)` when it is one); HTTPMethod its method
	// option upper-cased ("GET" when the call gives no options, "" when
	// it cannot be told).
	URL        []Value
	HTTPMethod string
}

// CronDispatch is how a function's own statements dispatch on
// `controller.cron` (or `event.cron`, or a variable holding it).
type CronDispatch struct {
	Cases []CronCase
	// Exhaustive: a cron that matches no case reaches nothing that works
	// (no default branch doing more than logging or returning, no
	// statement outside the dispatch that works for every cron).
	Exhaustive bool
	// Partial: the cron is also tested where the reader does not follow
	// (nested conditions, a computed value): some cases may be missing.
	Partial bool
}

// CronCase is one value a dispatch compares the cron with.
type CronCase struct {
	Values []Value
	Span   source.Span // the literal when written in place; may be invalid
}

// bindingOf names the binding an expression reads, or "".
func (s *scanner) bindingOf(x js.IExpr) string {
	switch t := x.(type) {
	case *js.DotExpr:
		if isEnvObject(t.X) {
			return propertyName(t.Y)
		}
	case *js.IndexExpr:
		if lit, ok := t.Y.(*js.LiteralExpr); ok && lit.TokenType == js.StringToken && isEnvObject(t.X) {
			return unquoteJS(lit.Data)
		}
	case *js.Var:
		decl := s.declOf(t)
		if b := s.envAliases[decl]; b != "" {
			return b
		}
		return s.ct.bindingAliases[decl]
	case *js.GroupExpr:
		return s.bindingOf(t.X)
	}
	return ""
}

// bindingAliasDecl notes `const q = env.Q`.
func (s *scanner) bindingAliasDecl(d *js.VarDecl) {
	if d.TokenType != js.ConstToken {
		return
	}
	for _, el := range d.List {
		if v, ok := el.Binding.(*js.Var); ok && el.Default != nil {
			if b := s.bindingOf(el.Default); b != "" {
				s.ct.bindingAliases[v] = b
			}
		}
	}
}

// bindingCall records `<binding>.m(...)`.
func (s *scanner) bindingCall(c *js.CallExpr) {
	d, ok := c.X.(*js.DotExpr)
	if !ok {
		return
	}
	b := s.bindingOf(d.X)
	if b == "" {
		return
	}
	bc := BindingCall{Binding: b, Method: propertyName(d.Y), Args: len(c.Args.List)}
	bc.Span, _ = s.placeToken(propertyToken(d.Y))
	if bc.Method == "fetch" && len(c.Args.List) > 0 {
		s.fetchTarget(&bc, c.Args.List)
	}
	s.facts.BindingCalls = append(s.facts.BindingCalls, bc)
}

// fetchTarget reads the URL and method of `fetch(url | new Request(url,
// init), init)`.
func (s *scanner) fetchTarget(bc *BindingCall, args []js.Arg) {
	first := args[0].Value
	var init js.IExpr
	if len(args) > 1 {
		init = args[1].Value
	}
	if n, ok := first.(*js.NewExpr); ok && calleeText(n.X) == "Request" && n.Args != nil && len(n.Args.List) > 0 {
		first = n.Args.List[0].Value
		if init == nil && len(n.Args.List) > 1 {
			init = n.Args.List[1].Value
		}
	} else if _, ok := first.(*js.Var); ok && !s.stringVar(first) {
		return // a request passed on: its URL is not known here
	}
	bc.URL = s.eval(first, 0)
	bc.HTTPMethod = "GET"
	if init != nil {
		bc.HTTPMethod = ""
		if o, ok := init.(*js.ObjectExpr); ok {
			bc.HTTPMethod = "GET"
			for _, p := range o.List {
				if p.Spread || p.Name == nil || p.Name.Computed != nil {
					bc.HTTPMethod = ""
					break
				}
				if unquoteJS(p.Name.Literal.Data) == "method" {
					m, ok := stringLiteral(p.Value)
					bc.HTTPMethod = ""
					if ok {
						bc.HTTPMethod = strings.ToUpper(m)
					}
				}
			}
		}
	}
}

// stringVar: a variable bound to a string const (a URL), not a request.
func (s *scanner) stringVar(e js.IExpr) bool {
	v, ok := e.(*js.Var)
	if !ok {
		return false
	}
	init := s.consts[s.declOf(v)]
	switch init.(type) {
	case *js.LiteralExpr, *js.TemplateExpr, *js.BinaryExpr:
		return true
	}
	return false
}

// cronReader reads a scheduled handler's dispatch on the cron.
type cronReader struct {
	s        *scanner
	vars     map[*js.Var]bool
	d        CronDispatch
	tests    int // tests read at statement level
	mentions int // every read of the cron, anywhere
	work     bool
}

// cronDispatch reads a function body; ok is false when it does not
// test the cron at all.
func (s *scanner) cronDispatch(body *js.BlockStmt) (CronDispatch, bool) {
	cr := &cronReader{s: s, vars: map[*js.Var]bool{}}
	cr.stmts(body.List, 0)
	if cr.tests == 0 {
		return CronDispatch{}, false
	}
	cr.d.Exhaustive = !cr.work && !cr.d.Partial
	return cr.d, true
}

func (cr *cronReader) stmts(list []js.IStmt, depth int) {
	for i := 0; i < len(list); i++ {
		if depth > 8 {
			cr.d.Partial = true
			return
		}
		st := list[i]
		switch t := st.(type) {
		case *js.VarDecl:
			cr.varDecl(t)
		case *js.IfStmt:
			if cr.ifStmt(t, depth) {
				return // a guard: what follows serves the one cron it lets through
			}
		case *js.SwitchStmt:
			cr.switchStmt(t)
		case *js.TryStmt:
			if t.Body != nil {
				cr.stmts(t.Body.List, depth+1)
			}
		case *js.BlockStmt:
			cr.stmts(t.List, depth+1)
		default:
			switch {
			case trivial(st):
			case cr.mentionsCron(st):
				cr.d.Partial = true
			default:
				cr.work = true
			}
		}
	}
}

func (cr *cronReader) varDecl(d *js.VarDecl) {
	for _, el := range d.List {
		switch b := el.Binding.(type) {
		case *js.Var:
			if el.Default != nil && cr.isCron(el.Default) {
				cr.vars[b] = true
				continue
			}
		case *js.BindingObject:
			for _, item := range b.List {
				if v, key, ok := bindingItem(item); ok && key == "cron" {
					cr.vars[v] = true
				}
			}
			continue
		}
		if el.Default != nil && cr.mentionsCron(el.Default) {
			cr.d.Partial = true
		}
	}
}

// isCron: `<x>.cron` (optional chaining too) or a variable holding it.
func (cr *cronReader) isCron(e js.IExpr) bool {
	switch t := e.(type) {
	case *js.DotExpr:
		return propertyName(t.Y) == "cron"
	case *js.Var:
		return cr.vars[cr.s.declOf(t)]
	case *js.GroupExpr:
		return cr.isCron(t.X)
	}
	return false
}

func (cr *cronReader) mentionsCron(n js.INode) bool {
	found := false
	js.Walk(visitFunc(func(x js.INode) bool {
		if e, ok := x.(js.IExpr); ok && cr.isCron(e) {
			found = true
		}
		return !found
	}), n)
	return found
}

// cronTest reads a condition: the values it compares the cron with
// (equal), or the one value a `!==` guard lets through (notEqual).
func (cr *cronReader) cronTest(e js.IExpr) (cases []CronCase, notEqual bool, ok bool) {
	switch t := e.(type) {
	case *js.GroupExpr:
		return cr.cronTest(t.X)
	case *js.BinaryExpr:
		switch t.Op {
		case js.EqEqEqToken, js.EqEqToken, js.NotEqEqToken, js.NotEqToken:
			x, y := t.X, t.Y
			if cr.isCron(y) {
				x, y = y, x
			}
			if !cr.isCron(x) || cr.mentionsCron(y) {
				return nil, false, false
			}
			return []CronCase{cr.caseOf(y)}, t.Op == js.NotEqEqToken || t.Op == js.NotEqToken, true
		case js.OrToken:
			a, na, oka := cr.cronTest(t.X)
			b, nb, okb := cr.cronTest(t.Y)
			if oka && okb && !na && !nb {
				return append(a, b...), false, true
			}
		}
	}
	return nil, false, false
}

func (cr *cronReader) caseOf(e js.IExpr) CronCase {
	return CronCase{Values: cr.s.eval(e, 0), Span: cr.s.literalSpanOf(e)}
}

// ifStmt reads one if statement; it reports whether it is a guard
// (`if (cron !== X) return ...`) after which only X runs.
func (cr *cronReader) ifStmt(t *js.IfStmt, depth int) bool {
	cases, notEqual, ok := cr.cronTest(t.Cond)
	if !ok {
		if cr.mentionsCron(t) {
			cr.tests++ // tested where the reader does not follow
			cr.d.Partial = true
		} else if !trivial(t) {
			cr.work = true // works for every cron that reaches it
		}
		return false
	}
	cr.tests++
	cr.d.Cases = append(cr.d.Cases, cases...)
	if notEqual {
		// what the guard does is the other crons' lot; it must end there
		if !trivial(t.Body) || t.Else != nil || !exits(t.Body) {
			cr.work = true
			return false
		}
		return true
	}
	if t.Else != nil {
		if elseIf, ok := t.Else.(*js.IfStmt); ok {
			return cr.ifStmt(elseIf, depth+1)
		} else if !trivial(t.Else) {
			cr.work = true
		}
	}
	return false
}

// exits: the statement always ends with return or throw.
func exits(st js.IStmt) bool {
	switch t := st.(type) {
	case *js.ReturnStmt, *js.ThrowStmt:
		return true
	case *js.BlockStmt:
		return len(t.List) > 0 && exits(t.List[len(t.List)-1])
	}
	return false
}

func (cr *cronReader) switchStmt(t *js.SwitchStmt) {
	if !cr.isCron(t.Init) {
		if cr.mentionsCron(t) {
			cr.d.Partial = true
		} else if !trivial(t) {
			cr.work = true
		}
		return
	}
	cr.tests++
	for _, cl := range t.List {
		if cl.Cond == nil {
			for _, st := range cl.List {
				if !trivial(st) {
					cr.work = true
				}
			}
			continue
		}
		cr.d.Cases = append(cr.d.Cases, cr.caseOf(cl.Cond))
	}
}

// trivial: a statement that does no work for the crons reaching it:
// logging, break, return without a call, throw, or a block of those.
func trivial(st js.IStmt) bool {
	switch t := st.(type) {
	case nil, *js.EmptyStmt, *js.BranchStmt, *js.ThrowStmt:
		return true
	case *js.BlockStmt:
		for _, x := range t.List {
			if !trivial(x) {
				return false
			}
		}
		return true
	case *js.ReturnStmt:
		return t.Value == nil || !hasCall(t.Value)
	case *js.ExprStmt:
		return isLogCall(t.Value)
	case *js.IfStmt:
		return trivial(t.Body) && trivial(t.Else)
	}
	return false
}

// isLogCall: console.log(...) and its kin.
func isLogCall(e js.IExpr) bool {
	if u, ok := e.(*js.UnaryExpr); ok && u.Op == js.AwaitToken {
		e = u.X
	}
	c, ok := e.(*js.CallExpr)
	if !ok {
		return false
	}
	d, ok := c.X.(*js.DotExpr)
	return ok && calleeText(d.X) == "console"
}

func hasCall(e js.IExpr) bool {
	found := false
	js.Walk(visitFunc(func(n js.INode) bool {
		switch n.(type) {
		case *js.CallExpr, *js.NewExpr:
			found = true
		case *js.ArrowFunc, *js.FuncDecl:
			return false
		}
		return !found
	}), e)
	return found
}
