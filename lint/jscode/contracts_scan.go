package jscode

import (
	"github.com/tdewolff/parse/v2/js"
)

// contractState is what the scan keeps, during its single walk, for the
// facts of a Worker's routers (router.go).
type contractState struct {
	routers     []RouterFact
	routerVars  map[*js.Var]routerView
	routerNodes map[js.INode]routerView
	// fnRouters maps a function to its pathname router (1-based index).
	fnRouters map[js.INode]int
}

func newContractState() *contractState {
	return &contractState{routerVars: map[*js.Var]routerView{}, routerNodes: map[js.INode]routerView{},
		fnRouters: map[js.INode]int{}}
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
	case *js.CallExpr:
		s.routerCall(t)
	case *js.FuncDecl:
		s.enterFunction(t, funcName(t), &t.Body)
	case *js.MethodDecl:
		s.enterFunction(t, string(t.Name.PropertyName.Literal.Data), &t.Body)
	case *js.ArrowFunc:
		s.enterFunction(t, "", &t.Body)
	}
}

func funcName(d *js.FuncDecl) string {
	if d.Name != nil {
		return string(d.Name.Data)
	}
	return ""
}

// enterFunction reads what a function's own statements dispatch on: the
// pathname (a router).
func (s *scanner) enterFunction(n js.INode, name string, body *js.BlockStmt) {
	if body == nil {
		return
	}
	if r, ok := s.pathnameRouter(name, body); ok {
		s.ct.routers = append(s.ct.routers, r)
		s.ct.fnRouters[n] = len(s.ct.routers)
	}
}

// contractFinish fills the facts once the walk is over.
func (s *scanner) contractFinish() {
	if s.ct == nil {
		s.ct = newContractState()
	}
	s.facts.Routers = s.ct.routers
}
