package jscode

import (
	"github.com/tdewolff/parse/v2/js"
	"github.com/wranglint/wranglint/lint/source"
)

// Lazily loaded clients. An app that splits the SDK out of its first
// bundle loads it with import("agents/react") and hands the hook down as
// a prop: `function Panel({ useAgent }) { useAgent({ agent: "X" }) }`.
// Such a call is the SDK's client when its parameter has the client's
// exported name and the module itself loads the client's module (in any
// way); the call is judged once the whole module was read. A binding
// destructured from `await import("m")` is an import of m.

// propClient is a call of a parameter named as an SDK client, waiting for
// the module's imports to be known.
type propClient struct {
	apis   []string // "module#export" keys of clientAPIs
	arg    js.IExpr
	site   source.Span
	frames []frame
}

// notePropClient remembers a call of a parameter (or a destructured
// option of one) whose name is a client's export name.
func (s *scanner) notePropClient(x js.IExpr, args []js.Arg, isNew bool, site source.Span) {
	v, ok := x.(*js.Var)
	if !ok || len(args) == 0 {
		return
	}
	pi, ok := s.params[s.declOf(v)]
	if !ok || pi.fn == nil {
		return
	}
	name := pi.key
	if name == "" {
		name = string(v.Data)
	}
	var apis []string
	for _, key := range source.SortedKeys(clientAPIs) {
		if api := clientAPIs[key]; api.isNew == isNew && exportOf(key) == name {
			apis = append(apis, key)
		}
	}
	if len(apis) > 0 {
		s.propClients = append(s.propClients, propClient{apis: apis, arg: args[0].Value, site: site,
			frames: append([]frame(nil), s.frames...)})
	}
}

// finishPropClients judges the calls of client-named parameters in a
// module that loads the client's module.
func (s *scanner) finishPropClients() {
	for _, pc := range s.propClients {
		for _, key := range pc.apis {
			if !s.loadsModule(moduleOf(key)) {
				continue
			}
			saved := s.frames
			s.frames = pc.frames
			s.clientCall(clientAPIs[key], pc.arg, pc.site)
			s.frames = saved
			break
		}
	}
}

// loadsModule: the module imports spec statically, dynamically or with
// require.
func (s *scanner) loadsModule(spec string) bool {
	for _, imp := range s.facts.Imports {
		if imp.Spec == spec {
			return true
		}
	}
	return false
}

// dynamicImports records `const { A, B: b } = await import("m")` and
// `const ns = await import("m")` as imports of m.
func (s *scanner) dynamicImports(d *js.VarDecl) {
	for _, el := range d.List {
		spec, ok := dynamicImportSpec(el.Default)
		if !ok {
			continue
		}
		switch b := el.Binding.(type) {
		case *js.Var:
			s.addDynamicBinding(string(b.Data), importBinding{spec, "*"})
		case *js.BindingObject:
			for _, item := range b.List {
				if v, key, ok := bindingItem(item); ok {
					s.addDynamicBinding(string(v.Data), importBinding{spec, key})
				}
			}
		}
	}
}

// addDynamicBinding binds a local name, unless a static import holds it.
func (s *scanner) addDynamicBinding(local string, ib importBinding) {
	if _, taken := s.imports[local]; !taken {
		s.imports[local] = ib
	}
}

// dynamicImportSpec reads `import("m")`, awaited or not.
func dynamicImportSpec(e js.IExpr) (string, bool) {
	c, ok := unwrapAwait(e).(*js.CallExpr)
	if !ok || len(c.Args.List) != 1 {
		return "", false
	}
	x, ok := c.X.(*js.LiteralExpr)
	if !ok || x.TokenType != js.ImportToken {
		return "", false
	}
	lit, ok := c.Args.List[0].Value.(*js.LiteralExpr)
	if !ok || lit.TokenType != js.StringToken {
		return "", false
	}
	return unquoteJS(lit.Data), true
}

func moduleOf(key string) string {
	for i := len(key) - 1; i >= 0; i-- {
		if key[i] == '#' {
			return key[:i]
		}
	}
	return key
}

func exportOf(key string) string { return key[len(moduleOf(key))+1:] }
