package jscode

import "github.com/tdewolff/parse/v2/js"

// Guarded env reads: code that tests a binding before it uses it
// (`env.X ?? fallback`, `if (env.X)`, `env.X?.get()`, `const x = env.X;
// if (x)`) knows the binding may be absent, so an environment that leaves
// it out is a choice, not a mistake.

// guardedHere says whether the expression being entered (its parent is the
// top of the stack) is tested rather than used: the left operand of ||, ??
// or &&, the right operand of || or && that is itself tested, the test of
// a condition, the operand of ! or typeof, compared
// with undefined or null, passed to Boolean(), or the object of an
// optional member access or call.
func (s *scanner) guardedHere(n js.IExpr) bool {
	child := js.INode(n)
	for i := len(s.stack) - 1; i >= 0; i-- {
		switch p := s.stack[i].(type) {
		case *js.GroupExpr:
			child = p // (env.X ?? "") reads through the parentheses
			continue
		case *js.Arg:
			return s.booleanArg(i, p)
		case *js.BinaryExpr:
			if (p.Op == js.AndToken || p.Op == js.OrToken) && sameNode(p.Y, child) {
				child = p // `a && env.X` is tested where the whole is: if (!client && env.X)
				continue
			}
			return guardingBinary(p, child)
		case *js.CondExpr:
			return sameNode(p.Cond, child)
		case *js.IfStmt:
			return sameNode(p.Cond, child)
		case *js.UnaryExpr:
			return p.Op == js.NotToken || p.Op == js.TypeofToken
		case *js.DotExpr:
			return p.Optional && sameNode(p.X, child)
		case *js.IndexExpr:
			return p.Optional && sameNode(p.X, child)
		case *js.CallExpr:
			return p.Optional && sameNode(p.X, child)
		}
		return false
	}
	return false
}

// booleanArg: the argument at stack[i] is Boolean()'s only one.
func (s *scanner) booleanArg(i int, arg *js.Arg) bool {
	if i < 2 || arg.Rest {
		return false
	}
	args, ok := s.stack[i-1].(*js.Args)
	call, ok2 := s.stack[i-2].(*js.CallExpr)
	if !ok || !ok2 || len(args.List) != 1 {
		return false
	}
	v, ok := call.X.(*js.Var)
	return ok && string(v.Data) == "Boolean"
}

func guardingBinary(p *js.BinaryExpr, child js.INode) bool {
	switch p.Op {
	case js.OrToken, js.NullishToken, js.AndToken:
		return sameNode(p.X, child)
	}
	other, ok := comparedWith(p, child)
	return ok && isAbsentValue(other)
}

// comparedWith is the other operand of an equality that child is one side
// of.
func comparedWith(p *js.BinaryExpr, child js.INode) (js.IExpr, bool) {
	switch p.Op {
	case js.EqEqToken, js.NotEqToken, js.EqEqEqToken, js.NotEqEqToken:
		if sameNode(p.X, child) {
			return p.Y, true
		}
		return p.X, true
	}
	return nil, false
}

// comparedHere says whether the expression being entered is compared
// with a literal (env.FLAG === "true"): an absent var is simply not equal.
func (s *scanner) comparedHere(n js.IExpr) bool {
	child := js.INode(n)
	for i := len(s.stack) - 1; i >= 0; i-- {
		switch p := s.stack[i].(type) {
		case *js.GroupExpr:
			child = p
			continue
		case *js.BinaryExpr:
			other, ok := comparedWith(p, child)
			return ok && isLiteral(other)
		}
		return false
	}
	return false
}

// isLiteral: a string, number, boolean or template literal.
func isLiteral(e js.IExpr) bool {
	switch t := e.(type) {
	case *js.LiteralExpr:
		return t.TokenType != js.RegExpToken
	case js.LiteralExpr:
		return t.TokenType != js.RegExpToken
	case *js.TemplateExpr:
		return t.Tag == nil && len(t.List) == 0
	}
	return false
}

// isAbsentValue: undefined or null.
func isAbsentValue(e js.IExpr) bool {
	switch t := e.(type) {
	case *js.Var:
		return string(t.Data) == "undefined"
	case *js.LiteralExpr:
		return t.TokenType == js.NullToken
	case js.LiteralExpr:
		return t.TokenType == js.NullToken
	case *js.UnaryExpr:
		return t.Op == js.VoidToken
	}
	return false
}

// sameNode compares a tree's child with a node met while walking it:
// pointers, or the same value for the literal kinds stored by value.
func sameNode(a js.IExpr, b js.INode) bool {
	if a == nil || b == nil {
		return false
	}
	if g, ok := a.(*js.GroupExpr); ok {
		if sameNode(g.X, b) {
			return true
		}
	}
	return js.INode(a) == b
}

// noteEnvRead marks the read just recorded as guarded when it is tested
// where it stands, and remembers the variable it is stored in
// (`const m = env.X`) so that a test of the variable guards it too.
func (s *scanner) noteEnvRead(n js.IExpr) {
	i := len(s.facts.EnvUses) - 1
	if i < 0 {
		return
	}
	if s.guardedHere(n) {
		s.facts.EnvUses[i].Guarded = true
		return
	}
	if s.comparedHere(n) {
		s.facts.EnvUses[i].Compared = true
		return
	}
	s.noteHandoff(i, n)
	if el := s.storedIn(n); el != nil {
		if v, ok := el.Binding.(*js.Var); ok {
			s.envReadVars[s.declOf(v)] = append(s.envReadVars[s.declOf(v)], i)
		}
	}
}

// storedIn finds the declaration whose value n is, directly or as one
// alternative (`const c = on ? env.X : undefined`, `= a && env.X`,
// `= env.X || null`).
func (s *scanner) storedIn(n js.IExpr) *js.BindingElement {
	parent, child := s.valueHolder(n, false)
	if el, ok := parent.(*js.BindingElement); ok && sameNode(el.Default, child) {
		return el
	}
	return nil
}

// valueHolder climbs from the expression being entered through what
// passes its value on unchanged (parentheses, a branch of ?:, an operand
// of &&, || or ??, and with objects a key of an object literal) to the
// node that takes the value, and the child it takes it as.
func (s *scanner) valueHolder(n js.IExpr, objects bool) (parent, child js.INode) {
	child = n
	for i := len(s.stack) - 1; i >= 0; i-- {
		switch p := s.stack[i].(type) {
		case *js.GroupExpr:
		case *js.ObjectExpr:
			if !objects {
				return p, child
			}
		case *js.Property:
			if !objects || !sameNode(p.Value, child) {
				return p, child
			}
		case *js.CondExpr:
			if sameNode(p.Cond, child) {
				return p, child
			}
		case *js.BinaryExpr:
			if p.Op != js.AndToken && p.Op != js.OrToken && p.Op != js.NullishToken {
				return p, child
			}
		default:
			return p, child
		}
		child = s.stack[i]
	}
	return nil, child
}

// guardVar marks the reads stored in a variable as guarded when the
// variable is tested.
func (s *scanner) guardVar(v *js.Var) {
	if len(s.envReadVars) == 0 {
		return
	}
	reads := s.envReadVars[s.declOf(v)]
	if len(reads) == 0 || !s.guardedHere(v) {
		return
	}
	for _, i := range reads {
		s.facts.EnvUses[i].Guarded = true
	}
}
