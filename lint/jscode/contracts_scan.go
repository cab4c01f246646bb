package jscode

import (
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
}

type memberCall struct {
	object js.IExpr
	method string
}

func newContractState() *contractState {
	return &contractState{routerVars: map[*js.Var]routerView{}, routerNodes: map[js.INode]routerView{},
		fnRouters: map[js.INode]int{}, fnCrons: map[js.INode]int{}, fnReturns: map[js.INode][]js.IExpr{},
		fnMemberCalls: map[js.INode][]memberCall{}, bindingAliases: map[*js.Var]string{}}
}

// contractEnter is the walk's hook for these facts (called first in
// Enter, for every node).
func (s *scanner) contractEnter(n js.INode) {
	if s.ct == nil {
		s.ct = newContractState()
	}
	switch t := n.(type) {
	case *js.VarDecl:
		s.routerVarDecl(t)
		s.bindingAliasDecl(t)
	case *js.CallExpr:
		s.routerCall(t)
		s.bindingCall(t)
		s.noteMemberCall(t)
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
	if r, ok := s.pathnameRouter(name, body); ok {
		s.ct.routers = append(s.ct.routers, r)
		s.ct.fnRouters[n] = len(s.ct.routers)
	}
	if cd, ok := s.cronDispatch(body); ok {
		s.ct.crons = append(s.ct.crons, cd)
		s.ct.fnCrons[n] = len(s.ct.crons)
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
