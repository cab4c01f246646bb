package jscode

import (
	"github.com/tdewolff/parse/v2/js"
	"github.com/wranglint/wranglint/lint/source"
)

// Stub getters are project functions that take a Durable Object namespace
// and return a stub of it: `function getChatAgent(ns, id) { return
// ns.get(ns.idFromName(id)) }`. A stub got through one is a stub of the
// binding passed, with the id kind the getter uses. A local getter is
// followed where it is called; an imported one is named in the StubFetch
// (GetterModule, GetterName) and matched with the module's StubGetters.

// StubGetter is what an exported getter returns: a stub of its parameter
// Param, from an id of IDKind. With Binding set, Param is the env the
// getter is given and the stub is of its namespace Binding
// (`function newChat(env) { return env.Chat.get(...) }`).
type StubGetter struct {
	Param   int
	IDKind  string
	Binding string `json:",omitempty"`
}

// getterOf reads a function whose last statement returns P.get(id) or
// P.getByName(name), P one of its own parameters (async functions too:
// their callers await the stub).
func (s *scanner) getterOf(fn js.INode) (StubGetter, bool) {
	ret := s.lastReturn(fn)
	c, ok := ret.(*js.CallExpr)
	if !ok {
		return StubGetter{}, false
	}
	d, ok := c.X.(*js.DotExpr)
	if !ok {
		return StubGetter{}, false
	}
	g, ok := s.getterReceiver(fn, d.X)
	if !ok {
		return StubGetter{}, false
	}
	switch propertyName(d.Y) {
	case "get":
		if len(c.Args.List) > 0 {
			g.IDKind = s.idKindOf(c.Args.List[0].Value)
		}
		return g, true
	case "getByName":
		g.IDKind = "getByName"
		return g, true
	}
	return StubGetter{}, false
}

// getterReceiver places the namespace a getter's stub is of: one of fn's
// parameters, or a binding of an env parameter (`env.Chat`).
func (s *scanner) getterReceiver(fn js.INode, recv js.IExpr) (StubGetter, bool) {
	binding := ""
	if d, ok := recv.(*js.DotExpr); ok {
		binding, recv = propertyName(d.Y), d.X
	}
	v, ok := recv.(*js.Var)
	if !ok || (binding != "" && !isEnvObject(v)) {
		return StubGetter{}, false
	}
	pi, ok := s.params[s.declOf(v)]
	if !ok || pi.fn != fn || pi.key != "" {
		return StubGetter{}, false
	}
	return StubGetter{Param: pi.index, Binding: binding}, true
}

// lastReturn is what fn returns (async functions too: their callers
// await the stub), with the ids its consts hold remembered.
func (s *scanner) lastReturn(fn js.INode) js.IExpr {
	ret := finalReturn(fn, true, func(v *js.Var, init js.IExpr) {
		if kind := s.idKindOf(init); kind != "" {
			s.ids[v] = kind
		}
	})
	if ret == nil {
		return nil
	}
	return unwrapAwait(ret)
}

// getterCall recognises a stub got from a call of a getter with a
// binding of env: a local getter's result is known here; an imported
// one's waits for its module's facts.
func (s *scanner) getterCall(c *js.CallExpr) (StubFetch, bool) {
	v, ok := c.X.(*js.Var)
	if !ok {
		return StubFetch{}, false
	}
	if fn := s.funcNodes[s.declOf(v)]; fn != nil {
		g, ok := s.getterOf(fn)
		if !ok || g.Param >= len(c.Args.List) {
			return StubFetch{}, false
		}
		binding := g.Binding
		if binding == "" {
			binding = s.namespaceBinding(c.Args.List[g.Param].Value)
		}
		return StubFetch{Binding: binding, IDKind: g.IDKind}, binding != ""
	}
	ib, imported := s.imports[string(v.Data)]
	if !imported || ib.name == "*" || sdkModule(ib.module) || s.declOf(v).Decl == js.ArgumentDecl {
		return StubFetch{}, false
	}
	for i, a := range c.Args.List {
		if a.Rest {
			return StubFetch{}, false
		}
		if binding := s.namespaceBinding(a.Value); binding != "" {
			return StubFetch{Binding: binding, GetterModule: ib.module, GetterName: ib.name, GetterArg: i}, true
		}
		if isEnvObject(a.Value) {
			// The getter may read a binding of this env: its facts say which.
			return StubFetch{GetterModule: ib.module, GetterName: ib.name, GetterArg: i}, true
		}
	}
	return StubFetch{}, false
}

// exportedGetters records the module's exported stub getters for other
// modules.
func (s *scanner) exportedGetters() {
	for _, local := range source.SortedKeys(s.topFuncs) {
		exported := s.exportNames[local]
		if len(exported) == 0 {
			continue
		}
		g, ok := s.getterOf(s.topFuncs[local])
		if !ok {
			continue
		}
		if s.facts.StubGetters == nil {
			s.facts.StubGetters = map[string]StubGetter{}
		}
		for _, name := range exported {
			s.facts.StubGetters[name] = g
		}
	}
}

func unwrapAwait(e js.IExpr) js.IExpr {
	for {
		switch t := e.(type) {
		case *js.UnaryExpr:
			if t.Op != js.AwaitToken {
				return e
			}
			e = t.X
		case *js.GroupExpr:
			e = t.X
		default:
			return e
		}
	}
}
