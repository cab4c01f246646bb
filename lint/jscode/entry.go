package jscode

import (
	"bytes"

	"github.com/tdewolff/parse/v2/js"
	"github.com/wranglint/wranglint/lint/source"
)

// Entry facts: what a module's exports are, described enough to tell
// what a Worker's entry serves once modules are joined (lint/analyses
// Entries): which handlers (fetch, scheduled, queue, tail, tailStream,
// email) and RPC methods an exported object or class has, which class it
// extends, which framework app it is, which wrapper it goes through.
//
// Values form a table per module; a ValueRef is a 1-based index into it
// (0: none), so that the facts stay flat plain data for the cache.
// Everything local to the module is followed here (consts, classes,
// functions, routers); what another module exports stays a ValueImport
// for the analysis to follow.

// ValueRef is a 1-based index into EntryFacts.Values; 0 is none.
type ValueRef int

// ValueKind says what a described value is.
type ValueKind uint8

const (
	// ValueUnknown: not followed; Why says what it is.
	ValueUnknown ValueKind = iota
	// ValueObject: an object literal: Members (own keyed properties) and
	// Spreads; Open when a computed key may add any member.
	ValueObject
	// ValueClass: a class: ClassName, Extends, Members (prototype methods
	// and instance fields, static ones marked).
	ValueClass
	// ValueInstance: `new C(...)`: Callee, CalleeValue (the class when
	// it is known), Args.
	ValueInstance
	// ValueApp: a framework app (Hono, itty-router): Router.
	ValueApp
	// ValueImport: a name imported from Module (Name "default", or "*"
	// for a namespace).
	ValueImport
	// ValueCall: a call: Callee as written, CalleeValue, Args.
	ValueCall
	// ValueFunction: a function: Func.
	ValueFunction
	// ValueMember: Object.Prop.
	ValueMember
	// ValueParam: the Param-th parameter of the function being described
	// (in a FuncFact's Returns).
	ValueParam
)

// MemberKind says what a member of an object or class is.
type MemberKind uint8

const (
	// MemberMethod: method syntax (`fetch() {}`): on a class, a
	// prototype method, the only kind RPC can call.
	MemberMethod MemberKind = iota
	// MemberFunction: a property or field holding a function (`fetch:
	// app.fetch`, `run = async () => {}`): on a class, an instance field
	// that RPC cannot call.
	MemberFunction
	// MemberValue: a property or field that is not known to hold a function.
	MemberValue
	// MemberAccessor: a getter or setter.
	MemberAccessor
)

// EntryValue is one described value.
type EntryValue struct {
	Kind ValueKind
	// Span places the value when it can be: a class's name, an object's
	// first key, a call's callee; it may be invalid.
	Span        source.Span
	Members     []EntryMember
	Spreads     []ValueRef
	Open        string // objects and classes: why members beyond Members may exist
	ClassName   string
	Extends     ValueRef
	Router      int // ValueApp: 1-based index into SourceFacts.Routers
	Module      string
	Name        string
	Callee      string
	CalleeValue ValueRef
	Args        []ValueRef
	Object      ValueRef
	Prop        string
	Func        int // ValueFunction: 1-based index into EntryFacts.Funcs
	Param       int
	Why         string
}

// EntryMember is one member of an object literal or class.
type EntryMember struct {
	Name   string
	Span   source.Span // the key as written; may be invalid
	Kind   MemberKind
	Static bool
	Value  ValueRef // the function or value, when described
}

// FuncFact is a function an entry may run or go through.
type FuncFact struct {
	Name   string
	Params int  // declared parameters, the rest parameter not counted
	Rest   bool // a rest parameter
	// Router and Cron are its pathname router and cron dispatch
	// (1-based indexes into SourceFacts.Routers and CronDispatches).
	Router int
	Cron   int
	// Returns are the values it returns, described with ValueParam for
	// its parameters (at most maxReturns; empty when it has more).
	Returns []ValueRef
	// Delegates are the `X.m(...)` calls it makes on module-level names.
	Delegates []Delegate
}

// Delegate is a call `Local.Method(...)` a function makes, Object being
// what Local is.
type Delegate struct {
	Object ValueRef
	Local  string
	Method string
}

// NamedValue is a name the module exports itself, with its value.
type NamedValue struct {
	Name  string
	Value ValueRef
}

// EntryFacts are the exports of one module, described.
type EntryFacts struct {
	Values []EntryValue
	Funcs  []FuncFact
	// Default is the module's own default export (0 when it has none or
	// takes it from another module: see ReExports).
	Default ValueRef
	// DefaultAt places `export default` when it starts a line once in the
	// file; DefaultIdent places the name in `export default <name>`.
	DefaultAt    source.Span
	DefaultIdent source.Span
	Named        []NamedValue
}

// Value returns the value r refers to (nil for 0 or out of range).
func (ef *EntryFacts) Value(r ValueRef) *EntryValue {
	if r <= 0 || int(r) > len(ef.Values) {
		return nil
	}
	return &ef.Values[r-1]
}

// Function returns the function i refers to (1-based), or nil.
func (ef *EntryFacts) Function(i int) *FuncFact {
	if i <= 0 || i > len(ef.Funcs) {
		return nil
	}
	return &ef.Funcs[i-1]
}

// NamedExport returns the value of a name the module exports itself.
func (ef *EntryFacts) NamedExport(name string) (ValueRef, bool) {
	for _, n := range ef.Named {
		if n.Name == name {
			return n.Value, true
		}
	}
	return 0, false
}

const (
	maxDescribeDepth = 10
	maxReturns       = 3
	maxEntryValues   = 2000
)

// describer builds the value table of one module.
type describer struct {
	s       *scanner
	ef      *EntryFacts
	memo    map[js.INode]ValueRef
	funcs   map[js.INode]int
	classes map[*js.Var]*js.ClassDecl
	fns     map[*js.Var]*js.FuncDecl
	lets    map[*js.Var]js.IExpr // top-level let and var with an initialiser
}

// finishEntry describes the module's default and named exports.
func (s *scanner) finishEntry() {
	d := &describer{s: s, ef: &s.facts.Entry, memo: map[js.INode]ValueRef{}, funcs: map[js.INode]int{},
		classes: map[*js.Var]*js.ClassDecl{}, fns: map[*js.Var]*js.FuncDecl{}, lets: map[*js.Var]js.IExpr{}}
	for _, st := range s.doc.ast.List {
		d.indexTop(st)
	}
	for _, st := range s.doc.ast.List {
		if e, ok := st.(*js.ExportStmt); ok && e.Module == nil {
			d.export(e)
		}
	}
	if d.ef.Default != 0 || hasDefaultAlias(s) {
		d.placeDefault()
	}
	// the tables outlive the scan: keep them no larger than they are
	d.ef.Values = append([]EntryValue(nil), d.ef.Values...)
	d.ef.Funcs = append([]FuncFact(nil), d.ef.Funcs...)
}

func hasDefaultAlias(s *scanner) bool {
	for _, n := range s.facts.Entry.Named {
		if n.Name == "default" {
			return true
		}
	}
	return false
}

// indexTop remembers the module-level classes, functions and let/var
// initialisers by their declaring variable.
func (d *describer) indexTop(st js.IStmt) {
	if e, ok := st.(*js.ExportStmt); ok && e.Module == nil {
		switch decl := e.Decl.(type) {
		case *js.ClassDecl:
			st = decl
		case *js.FuncDecl:
			st = decl
		case *js.VarDecl:
			st = decl
		}
	}
	switch t := st.(type) {
	case *js.ClassDecl:
		if t.Name != nil {
			d.classes[t.Name] = t
		}
	case *js.FuncDecl:
		if t.Name != nil {
			d.fns[t.Name] = t
		}
	case *js.VarDecl:
		if t.TokenType != js.ConstToken {
			for _, el := range t.List {
				if v, ok := el.Binding.(*js.Var); ok && el.Default != nil {
					d.lets[v] = el.Default
				}
			}
		}
	}
}

// export describes one `export ...` statement of the module itself.
func (d *describer) export(e *js.ExportStmt) {
	if e.Default {
		d.ef.Default = d.describe(e.Decl, 0)
		return
	}
	switch decl := e.Decl.(type) {
	case *js.ClassDecl:
		if decl.Name != nil {
			d.named(string(decl.Name.Data), d.describe(decl, 0))
		}
	case *js.FuncDecl:
		if decl.Name != nil {
			d.named(string(decl.Name.Data), d.describe(decl, 0))
		}
	case *js.VarDecl:
		for _, el := range decl.List {
			if v, ok := el.Binding.(*js.Var); ok && el.Default != nil {
				d.named(string(v.Data), d.describe(el.Default, 0))
			}
		}
	}
	for _, a := range e.List {
		exported, local := string(a.Binding), string(a.Name)
		if exported == "" {
			exported = local
		}
		if local == "" {
			local = exported
		}
		if r := d.describeName(local); r != 0 {
			d.named(exported, r)
		}
	}
}

func (d *describer) named(name string, r ValueRef) {
	if v := d.ef.Value(r); v == nil || v.Kind == ValueUnknown {
		return // nothing to follow there
	}
	if name == "default" && d.ef.Default == 0 {
		d.ef.Default = r
	}
	d.ef.Named = append(d.ef.Named, NamedValue{Name: name, Value: r})
}

// describeName describes a module-level name (from `export { a as b }`).
func (d *describer) describeName(name string) ValueRef {
	for v, c := range d.classes {
		if string(v.Data) == name {
			return d.describe(c, 0)
		}
	}
	for v, f := range d.fns {
		if string(v.Data) == name {
			return d.describe(f, 0)
		}
	}
	if init := d.s.topInits[name]; init != nil {
		return d.describe(init, 0)
	}
	if ib, ok := d.s.imports[name]; ok {
		return d.add(EntryValue{Kind: ValueImport, Module: ib.module, Name: ib.name})
	}
	for v, init := range d.lets {
		if string(v.Data) == name {
			return d.describe(init, 0)
		}
	}
	return 0
}

func (d *describer) add(v EntryValue) ValueRef {
	if len(d.ef.Values) >= maxEntryValues {
		return 0
	}
	d.ef.Values = append(d.ef.Values, v)
	return ValueRef(len(d.ef.Values))
}

func (d *describer) unknown(why string) ValueRef {
	return d.add(EntryValue{Kind: ValueUnknown, Why: why})
}

// describe adds e to the table (once per node) and returns its ref.
func (d *describer) describe(e js.INode, depth int) ValueRef {
	if e == nil || plainValue(e) {
		return 0 // nothing an entry can serve: not worth a row
	}
	if r, ok := d.memo[e]; ok {
		return r
	}
	if depth > maxDescribeDepth {
		return d.unknown("a value nested too deep")
	}
	r := d.add(EntryValue{Kind: ValueUnknown, Why: "a value that refers to itself"})
	if r == 0 {
		return 0
	}
	d.memo[e] = r
	v := d.build(e, depth)
	d.ef.Values[r-1] = v
	return r
}

func (d *describer) build(e js.INode, depth int) EntryValue {
	s := d.s
	switch t := e.(type) {
	case *js.GroupExpr:
		return d.copyOf(d.describe(t.X, depth+1))
	case *js.ObjectExpr:
		return d.object(t, depth)
	case *js.ClassDecl:
		return d.class(t, depth)
	case *js.FuncDecl:
		return EntryValue{Kind: ValueFunction, Func: d.function(t, funcName(t), t.Params, &t.Body, depth)}
	case *js.ArrowFunc:
		return EntryValue{Kind: ValueFunction, Func: d.function(t, "", t.Params, &t.Body, depth)}
	case *js.Var:
		return d.variable(t, depth)
	case *js.DotExpr:
		if v, ok := t.X.(*js.Var); ok {
			if ib, found := s.imports[string(v.Data)]; found && ib.name == "*" && s.declOf(v).Decl != js.ArgumentDecl {
				return EntryValue{Kind: ValueImport, Module: ib.module, Name: propertyName(t.Y)}
			}
		}
		span, _ := s.placeToken(propertyToken(t.Y))
		return EntryValue{Kind: ValueMember, Object: d.describe(t.X, depth+1), Prop: propertyName(t.Y), Span: span}
	case *js.NewExpr:
		if view, ok := s.ct.routerNodes[t]; ok {
			return EntryValue{Kind: ValueApp, Router: view.idx}
		}
		var args []js.Arg
		if t.Args != nil {
			args = t.Args.List
		}
		return EntryValue{Kind: ValueInstance, Callee: calleeText(t.X), CalleeValue: d.describe(t.X, depth+1),
			Args: d.args(args, depth), Span: s.calleeSpan(t)}
	case *js.CallExpr:
		if view, ok := s.routerOf(t, 0); ok {
			return EntryValue{Kind: ValueApp, Router: view.idx}
		}
		return EntryValue{Kind: ValueCall, Callee: calleeText(t.X), CalleeValue: d.describe(t.X, depth+1),
			Args: d.args(t.Args.List, depth), Span: s.calleeSpan(t)}
	case *js.UnaryExpr:
		return d.copyOf(d.describe(t.X, depth+1)) // await
	}
	return EntryValue{Kind: ValueUnknown, Why: "an expression wranglint does not follow"}
}

// plainValue: literals and operators, which are never a handler, a class,
// an app or a function.
func plainValue(e js.INode) bool {
	switch t := e.(type) {
	case *js.LiteralExpr, *js.TemplateExpr, *js.BinaryExpr, *js.ArrayExpr, *js.CondExpr:
		return true
	case *js.UnaryExpr:
		return t.Op != js.AwaitToken
	}
	return false
}

// copyOf returns a copy of an already described value (for a group).
func (d *describer) copyOf(r ValueRef) EntryValue {
	if v := d.ef.Value(r); v != nil {
		return *v
	}
	return EntryValue{Kind: ValueUnknown, Why: "a value nested too deep"}
}

func (d *describer) args(list []js.Arg, depth int) []ValueRef {
	if depth > 3 {
		return nil // a wrapper's handler argument is near the top
	}
	var out []ValueRef
	for i, a := range list {
		if i == 4 || a.Rest {
			break
		}
		out = append(out, d.describe(a.Value, depth+1))
	}
	return out
}

// variable follows a name to what it is bound to.
func (d *describer) variable(v *js.Var, depth int) EntryValue {
	out := d.variableValue(v, depth)
	if d.s.ct.mutated[d.s.declOf(v)] && out.Open == "" {
		switch out.Kind {
		case ValueObject, ValueClass, ValueApp, ValueInstance:
			out.Open = "members are assigned to " + string(v.Data) + " elsewhere"
		}
	}
	return out
}

func (d *describer) variableValue(v *js.Var, depth int) EntryValue {
	s := d.s
	decl := s.declOf(v)
	if p, ok := s.params[decl]; ok {
		if p.key == "" {
			return EntryValue{Kind: ValueParam, Param: p.index}
		}
		return EntryValue{Kind: ValueUnknown, Why: "an option of a parameter"}
	}
	if view, ok := s.ct.routerVars[decl]; ok {
		return EntryValue{Kind: ValueApp, Router: view.idx}
	}
	if init := s.consts[decl]; init != nil {
		return d.copyOf(d.describe(init, depth+1))
	}
	if c := d.classes[decl]; c != nil {
		return d.copyOf(d.describe(c, depth+1))
	}
	if f := d.fns[decl]; f != nil {
		return d.copyOf(d.describe(f, depth+1))
	}
	if init := d.lets[decl]; init != nil {
		return d.copyOf(d.describe(init, depth+1))
	}
	if ib, ok := s.imports[string(v.Data)]; ok && decl.Decl != js.ArgumentDecl {
		return EntryValue{Kind: ValueImport, Module: ib.module, Name: ib.name}
	}
	return EntryValue{Kind: ValueUnknown, Why: "the variable " + string(v.Data) + ", whose value is not known here"}
}

// object describes an object literal's keyed members and spreads.
func (d *describer) object(o *js.ObjectExpr, depth int) EntryValue {
	s := d.s
	out := EntryValue{Kind: ValueObject}
	for _, p := range o.List {
		if p.Spread {
			out.Spreads = append(out.Spreads, d.describe(p.Value, depth+1))
			continue
		}
		name := p.Name
		if md, ok := p.Value.(*js.MethodDecl); ok && name == nil {
			name = &md.Name.PropertyName // a method keeps its name itself
		}
		if name == nil || name.Computed != nil || len(name.Literal.Data) == 0 {
			if out.Open == "" {
				out.Open = "a computed key"
			}
			continue
		}
		m := EntryMember{Name: unquoteJS(name.Literal.Data)}
		if v, ok := p.Value.(*js.Var); !ok || !bytes.Equal(v.Data, name.Literal.Data) {
			m.Span, _ = s.placeToken(name.Literal.Data) // a shorthand key shares the variable's bytes
		}
		if !out.Span.Valid() && m.Span.Valid() {
			out.Span = m.Span
		}
		switch f := p.Value.(type) {
		case *js.MethodDecl:
			m.Kind = MemberMethod
			if f.Get || f.Set {
				m.Kind = MemberAccessor
			}
			m.Value = d.add(EntryValue{Kind: ValueFunction, Func: d.function(f, m.Name, f.Params, &f.Body, depth)})
		default:
			m.Value = d.describe(p.Value, depth+1)
			m.Kind = MemberValue
			if fv := d.ef.Value(m.Value); fv != nil && fv.Kind == ValueFunction {
				m.Kind = MemberFunction
			}
		}
		out.Members = append(out.Members, m)
	}
	return out
}

// class describes a class: its base and its own members.
func (d *describer) class(c *js.ClassDecl, depth int) EntryValue {
	s := d.s
	out := EntryValue{Kind: ValueClass}
	if c.Name != nil {
		out.ClassName = string(c.Name.Data)
		out.Span, _ = s.placeToken(c.Name.Data)
	}
	if c.Extends != nil {
		out.Extends = d.describe(c.Extends, depth+1)
	}
	for _, el := range c.List {
		switch {
		case el.StaticBlock != nil:
		case el.Method != nil:
			name, ok := className(el.Method.Name)
			if !ok {
				if el.Method.Name.Private == nil && out.Open == "" {
					out.Open = "a computed method name"
				}
				continue
			}
			if name == "constructor" && !el.Method.Static {
				continue
			}
			m := EntryMember{Name: name, Kind: MemberMethod, Static: el.Method.Static}
			m.Span, _ = s.placeToken(el.Method.Name.PropertyName.Literal.Data)
			if el.Method.Get || el.Method.Set {
				m.Kind = MemberAccessor
			}
			m.Value = d.add(EntryValue{Kind: ValueFunction, Func: d.function(el.Method, name, el.Method.Params, &el.Method.Body, depth)})
			out.Members = append(out.Members, m)
		default:
			name, ok := className(el.Field.Name)
			if !ok {
				if el.Field.Name.Private == nil && out.Open == "" {
					out.Open = "a computed field name"
				}
				continue
			}
			m := EntryMember{Name: name, Kind: MemberValue, Static: el.Field.Static}
			m.Span, _ = s.placeToken(el.Field.Name.PropertyName.Literal.Data)
			switch el.Field.Init.(type) {
			case *js.ArrowFunc, *js.FuncDecl:
				m.Kind = MemberFunction
				m.Value = d.describe(el.Field.Init, depth+1)
			}
			out.Members = append(out.Members, m)
		}
	}
	return out
}

// className reads a class element's name; private and computed names
// give false.
func className(n js.ClassElementName) (string, bool) {
	if n.Private != nil || n.PropertyName.Computed != nil || len(n.PropertyName.Literal.Data) == 0 {
		return "", false
	}
	return unquoteJS(n.PropertyName.Literal.Data), true
}

// function adds (once) the facts of a function.
func (d *describer) function(n js.INode, name string, params js.Params, body *js.BlockStmt, depth int) int {
	if i, ok := d.funcs[n]; ok {
		return i
	}
	c := d.s.ct
	d.ef.Funcs = append(d.ef.Funcs, FuncFact{Name: name, Params: len(params.List), Rest: params.Rest != nil,
		Router: c.fnRouters[n], Cron: c.fnCrons[n]})
	i := len(d.ef.Funcs)
	d.funcs[n] = i
	var returns []ValueRef
	if rs := c.fnReturns[n]; len(rs) <= maxReturns {
		for _, r := range rs {
			// deep enough that a returned call keeps its callee, not its
			// arguments (a component's JSX, a response's body)
			returns = append(returns, d.describe(r, max(depth+1, 4)))
		}
	}
	var delegates []Delegate
	for _, mc := range c.fnMemberCalls[n] {
		if len(delegates) == 16 {
			break
		}
		delegates = append(delegates, Delegate{Object: d.describe(mc.object, depth+1), Local: calleeText(mc.object), Method: mc.method})
	}
	d.ef.Funcs[i-1].Returns, d.ef.Funcs[i-1].Delegates = returns, delegates
	return i
}

// placeDefault finds `export default` at the start of a line, once, and
// the name after it when the default export is a bare name: the parser
// keeps no position for either.
func (d *describer) placeDefault() {
	data := d.s.doc.file.Data
	const kw = "export default"
	at := -1
	for i := 0; i+len(kw) <= len(data); {
		j := bytes.Index(data[i:], []byte(kw))
		if j < 0 {
			break
		}
		j += i
		if lineStart(data, j) && (j+len(kw) == len(data) || isSpaceByte(data[j+len(kw)])) {
			if at >= 0 {
				return // twice: not placed
			}
			at = j
		}
		i = j + len(kw)
	}
	if at < 0 {
		return
	}
	f := d.s.doc.file
	d.ef.DefaultAt = source.Span{File: f, Start: at, End: at + len(kw)}
	i := at + len(kw)
	for i < len(data) && isSpaceByte(data[i]) {
		i++
	}
	j := i
	for j < len(data) && isIdentByte(data[j]) {
		j++
	}
	k := j
	for k < len(data) && (data[k] == ' ' || data[k] == '\t') {
		k++
	}
	if j > i && (k == len(data) || data[k] == ';' || data[k] == '\n' || data[k] == '\r') {
		d.ef.DefaultIdent = source.Span{File: f, Start: i, End: j}
	}
}

func lineStart(data []byte, i int) bool {
	for i > 0 && (data[i-1] == ' ' || data[i-1] == '\t') {
		i--
	}
	return i == 0 || data[i-1] == '\n'
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
