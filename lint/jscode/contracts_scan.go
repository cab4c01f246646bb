package jscode

import (
	"bytes"

	"github.com/tdewolff/parse/v2/js"
)

// contractState is what the scan keeps, during its single walk, for the
// facts of a Worker's entry (entry.go), its routers (router.go) and its
// calls on bindings (bindcalls.go).
type contractState struct {
	routers     []RouterFact
	routerVars  map[*js.Var]routerView
	routerNodes map[js.INode]routerView
	// fnRouters and fnCrons map a function to its pathname router and
	// cron dispatch (1-based indexes).
	fnRouters map[js.INode]int
	fnCrons   map[js.INode]int
	crons     []CronDispatch
	// fnReturns are the returned expressions of each function;
	// fnMemberCalls the `X.m(...)` calls each function makes on a
	// module-level name X.
	fnReturns     map[js.INode][]js.IExpr
	fnMemberCalls map[js.INode][]memberCall
	// bindingAliases are consts holding a binding (`const q = env.Q`).
	bindingAliases map[*js.Var]string
	// pathname and cron: the file mentions them at all; functions of a
	// file that does not are not read for a dispatch on them.
	pathname, cron bool
	// mutated are variables whose members are assigned somewhere
	// (`handler.scheduled = f`, `Object.assign(handler, ...)`, `C.prototype.m
	// = f`): their described members are not all there is.
	mutated map[*js.Var]bool
}

type memberCall struct {
	object js.IExpr
	method string
}

func newContractState() *contractState {
	return &contractState{routerVars: map[*js.Var]routerView{}, routerNodes: map[js.INode]routerView{},
		fnRouters: map[js.INode]int{}, fnCrons: map[js.INode]int{}, fnReturns: map[js.INode][]js.IExpr{},
		fnMemberCalls: map[js.INode][]memberCall{}, bindingAliases: map[*js.Var]string{}, mutated: map[*js.Var]bool{}}
}

// contractEnter is the walk's hook for these facts (called first in
// Enter, for every node).
func (s *scanner) contractEnter(n js.INode) {
	if s.ct == nil {
		s.ct = newContractState()
		s.ct.pathname = bytes.Contains(s.doc.file.Data, []byte("pathname"))
		s.ct.cron = bytes.Contains(s.doc.file.Data, []byte("cron"))
	}
	switch t := n.(type) {
	case *js.VarDecl:
		s.routerVarDecl(t)
		s.bindingAliasDecl(t)
	case *js.CallExpr:
		s.routerCall(t)
		s.bindingCall(t)
		s.noteMemberCall(t)
		s.noteAssignCall(t)
	case *js.BinaryExpr:
		s.noteMemberAssign(t)
	case *js.FuncDecl:
		s.enterFunction(t, funcName(t), &t.Body)
	case *js.MethodDecl:
		s.enterFunction(t, string(t.Name.PropertyName.Literal.Data), &t.Body)
	case *js.ArrowFunc:
		s.enterFunction(t, "", &t.Body)
	case *js.ReturnStmt:
		if fn := s.currentFunc(); fn != nil && t.Value != nil {
			s.ct.fnReturns[fn] = append(s.ct.fnReturns[fn], t.Value)
		}
	}
}

func funcName(d *js.FuncDecl) string {
	if d.Name != nil {
		return string(d.Name.Data)
	}
	return ""
}

// currentFunc is the innermost function being walked (the scanner's
// frames are pushed after this hook runs, so a function's own node is
// not yet on them when it is entered).
func (s *scanner) currentFunc() js.INode {
	if len(s.frames) == 0 {
		return nil
	}
	return s.frames[len(s.frames)-1].node
}

// enterFunction reads what a function's own statements dispatch on: the
// pathname (a router) and controller.cron (a cron dispatch).
func (s *scanner) enterFunction(n js.INode, name string, body *js.BlockStmt) {
	if body == nil {
		return
	}
	if s.ct.pathname {
		if r, ok := s.pathnameRouter(name, body); ok {
			s.ct.routers = append(s.ct.routers, r)
			s.ct.fnRouters[n] = len(s.ct.routers)
		}
	}
	if s.ct.cron {
		if cd, ok := s.cronDispatch(body); ok {
			s.ct.crons = append(s.ct.crons, cd)
			s.ct.fnCrons[n] = len(s.ct.crons)
		}
	}
}

// noteMemberCall records `X.m(...)` made inside a function on a name X
// declared at module level (an import or a top-level const): how a
// composed handler delegates to another.
func (s *scanner) noteMemberCall(c *js.CallExpr) {
	fn := s.currentFunc()
	d, ok := c.X.(*js.DotExpr)
	if fn == nil || !ok {
		return
	}
	v, ok := d.X.(*js.Var)
	if !ok {
		return
	}
	decl := s.declOf(v)
	if _, imported := s.imports[string(v.Data)]; (imported && decl.Decl != js.ArgumentDecl) || s.topInits[string(v.Data)] != nil {
		s.ct.fnMemberCalls[fn] = append(s.ct.fnMemberCalls[fn], memberCall{object: v, method: propertyName(d.Y)})
	}
}

// contractFinish fills the facts once the walk is over.
func (s *scanner) contractFinish() {
	if s.ct == nil {
		s.ct = newContractState()
	}
	s.facts.Routers = s.ct.routers
	s.facts.CronDispatches = s.ct.crons
	s.finishEntry()
}

// noteMemberAssign records `x.m = ...` (and `x.a.m = ...`, `x["m"] =
// ...`) on a variable x.
func (s *scanner) noteMemberAssign(b *js.BinaryExpr) {
	switch b.Op {
	case js.EqToken, js.OrEqToken, js.NullishEqToken, js.AndEqToken:
	default:
		return
	}
	if _, ok := b.X.(*js.Var); ok {
		return // a plain assignment rebinds, it does not add members
	}
	if v := rootVar(b.X); v != nil {
		s.ct.mutated[s.declOf(v)] = true
	}
}

// noteAssignCall records `Object.assign(x, ...)` and
// `Object.defineProperty(x, ...)`.
func (s *scanner) noteAssignCall(c *js.CallExpr) {
	d, ok := c.X.(*js.DotExpr)
	if !ok || calleeText(d.X) != "Object" || len(c.Args.List) == 0 {
		return
	}
	switch propertyName(d.Y) {
	case "assign", "defineProperty", "defineProperties", "setPrototypeOf":
		if v := rootVar(c.Args.List[0].Value); v != nil {
			s.ct.mutated[s.declOf(v)] = true
		}
	}
}

// rootVar is the variable at the root of a member chain (x in x.a.b).
func rootVar(e js.IExpr) *js.Var {
	for depth := 0; depth < 16; depth++ {
		switch t := e.(type) {
		case *js.Var:
			return t
		case *js.DotExpr:
			e = t.X
		case *js.IndexExpr:
			e = t.X
		case *js.GroupExpr:
			e = t.X
		default:
			return nil
		}
	}
	return nil
}
