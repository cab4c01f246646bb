package jscode

import (
	"github.com/tdewolff/parse/v2/js"
	"github.com/wranglint/wranglint/lint/source"
)

// ClassMemberKind says how a class member is written.
type ClassMemberKind int

const (
	ClassField    ClassMemberKind = iota // `x = 1`, `static x = 1`, `x;`
	ClassMethod                          // `m() {}`
	ClassAccessor                        // `get x() {}`, `set x(v) {}`
	ClassAssigned                        // `Cls.x = v` written outside the class
)

// ClassMember is a member a class declares, or a property the module
// assigns on a class from outside (`MyContainer.outbound = handler`,
// which sets a static member as a static field does).
type ClassMember struct {
	Class  string // the class's name (for an assignment: the name assigned on)
	Name   string
	Static bool
	Kind   ClassMemberKind
	// Init: a field with an initialiser (a bare `x;` defines undefined, and
	// a TypeScript declaration without value is erased before the scan).
	Init bool
	Span source.Span // the member's name; may be invalid
}

// ThisCall is a call `this.m(...)` in the body of a class: in its methods,
// field initialisers and the arrow functions inside them, where `this` is
// the instance (not inside a nested `function`, which has its own).
type ThisCall struct {
	Class  string
	Method string
	Span   source.Span // the method's name; may be invalid
}

// collectMembers records the members of a named class declaration.
func (s *scanner) collectMembers(d *js.ClassDecl) {
	if d.Name == nil {
		return
	}
	class := string(d.Name.Data)
	for _, el := range d.List {
		switch {
		case el.StaticBlock != nil:
		case el.Method != nil:
			m := el.Method
			name, tok, ok := elementName(m.Name)
			if !ok {
				continue
			}
			kind := ClassMethod
			if m.Get || m.Set {
				kind = ClassAccessor
			}
			span, _ := s.placeToken(tok)
			s.facts.ClassMembers = append(s.facts.ClassMembers, ClassMember{Class: class, Name: name, Static: m.Static, Kind: kind, Span: span})
		default:
			name, tok, ok := elementName(el.Field.Name)
			if !ok {
				continue
			}
			span, _ := s.placeToken(tok)
			s.facts.ClassMembers = append(s.facts.ClassMembers, ClassMember{Class: class, Name: name, Static: el.Field.Static,
				Kind: ClassField, Init: el.Field.Init != nil, Span: span})
		}
	}
}

// elementName reads a member's name when it is written plainly (not
// computed, not #private).
func elementName(n js.ClassElementName) (string, []byte, bool) {
	if n.Private != nil || n.Computed != nil || len(n.Literal.Data) == 0 {
		return "", nil, false
	}
	tok := n.Literal.Data
	return unquoteJS(tok), tok, true
}

// agentOnlyMethods are Agent methods whose names nothing else uses: a call
// on any receiver (`agent.addMcpServer()` after getCurrentAgent()) is
// recorded, with Class "".
var agentOnlyMethods = map[string]bool{"addMcpServer": true}

// memberFacts is the walk's hook: `this.m(...)` inside a class body, a
// call of an agentOnlyMethods member anywhere, and `Cls.x = v` on a class
// this module declares or imports.
func (s *scanner) memberFacts(n js.INode) {
	switch t := n.(type) {
	case *js.CallExpr:
		d, ok := t.X.(*js.DotExpr)
		if !ok {
			return
		}
		method := propertyName(d.Y)
		class := ""
		switch {
		case isThisExpr(d.X):
			class = s.enclosingClass()
		case !agentOnlyMethods[method]:
			return
		}
		if class == "" && !agentOnlyMethods[method] || method == "" {
			return
		}
		for _, c := range s.facts.ThisCalls {
			if c.Class == class && c.Method == method {
				return // one per class and method is enough
			}
		}
		span, _ := s.placeToken(propertyToken(d.Y))
		s.facts.ThisCalls = append(s.facts.ThisCalls, ThisCall{Class: class, Method: method, Span: span})
	case *js.BinaryExpr:
		if t.Op != js.EqToken {
			return
		}
		d, ok := t.X.(*js.DotExpr)
		if !ok {
			return
		}
		v, ok := d.X.(*js.Var)
		name := propertyName(d.Y)
		if !ok || name == "" || !s.namesClass(string(v.Data)) {
			return
		}
		span, _ := s.placeToken(propertyToken(d.Y))
		s.facts.ClassMembers = append(s.facts.ClassMembers, ClassMember{Class: string(v.Data), Name: name, Static: true,
			Kind: ClassAssigned, Init: true, Span: span})
	}
}

// isThisExpr: the `this` keyword.
func isThisExpr(e js.IExpr) bool {
	switch t := e.(type) {
	case *js.LiteralExpr:
		return t.TokenType == js.ThisToken
	case js.LiteralExpr:
		return t.TokenType == js.ThisToken
	}
	return false
}

// enclosingClass names the class whose `this` the walk is in: the nearest
// class declaration, unless a `function` (which binds its own `this`)
// comes first.
func (s *scanner) enclosingClass() string {
	for i := len(s.stack) - 1; i >= 0; i-- {
		switch t := s.stack[i].(type) {
		case *js.FuncDecl:
			return ""
		case *js.ClassDecl:
			if t.Name == nil {
				return ""
			}
			return string(t.Name.Data)
		}
	}
	return ""
}

// namesClass: a class declared at the top of this module, or a name it
// imports (which may be a class: the rules match it by name).
func (s *scanner) namesClass(name string) bool {
	if _, ok := s.imports[name]; ok {
		return true
	}
	for _, c := range s.facts.Classes {
		if c.Name == name {
			return true
		}
	}
	return false
}
