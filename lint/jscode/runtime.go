package jscode

import (
	"strings"

	"github.com/tdewolff/parse/v2/js"
	"github.com/wranglint/wranglint/lint/source"
)

// ProcessEnvRead is one read of a named member of process.env:
// process.env.X, process.env["X"], or `const { X } = process.env`.
type ProcessEnvRead struct {
	Name string
	Span source.Span // the name as written
	// Exported are the names the module exports the top-level function
	// holding the read under (nil at module scope, or in a function the
	// module keeps to itself): the read runs only where one is called.
	Exported []string `json:",omitempty"`
}

// HostURL is a URL with a literal host: a string the code fetches, or a
// literal naming a workers.dev host.
type HostURL struct {
	Host string // lower case, without port
	Path string // the static path after the host ("" when none or unknown)
	Span source.Span
}

// runtimeFacts collects, from the scan's one walk, what the contract
// rules ask about runtime APIs: process.env reads and writes, ctx.exports,
// global fetch() of literal URLs and workers.dev URL literals.
func (s *scanner) runtimeFacts(n js.INode) {
	switch t := n.(type) {
	case *js.DotExpr:
		if isProcessEnv(t.X) {
			s.processEnvRead(propertyName(t.Y), propertyToken(t.Y))
		} else if isImportMetaEnv(t.X) {
			s.metaEnvRead(propertyToken(t.Y))
		} else if propertyName(t.Y) == "exports" && isCtxObject(t.X) {
			if s.testedHere(t) {
				s.facts.CtxExportsTested = true
			} else if span, ok := s.placeToken(propertyToken(t.Y)); ok {
				s.facts.CtxExports = append(s.facts.CtxExports, span)
			}
		}
	case *js.IndexExpr:
		if lit, ok := t.Y.(*js.LiteralExpr); ok && lit.TokenType == js.StringToken {
			if isProcessEnv(t.X) {
				s.processEnvRead(unquoteJS(lit.Data), lit.Data)
			} else if isImportMetaEnv(t.X) {
				s.metaEnvRead(lit.Data)
			}
		}
	case *js.BindingElement:
		if obj, ok := t.Binding.(*js.BindingObject); ok && t.Default != nil {
			switch {
			case isProcessEnv(t.Default):
				for _, item := range obj.List {
					if name, tok := s.bindingKey(item); name != "" {
						s.processEnvRead(name, tok)
					}
				}
			case isImportMetaEnv(t.Default):
				for _, item := range obj.List {
					if _, tok := s.bindingKey(item); tok != nil {
						s.metaEnvRead(tok)
					}
				}
			}
		}
	case *js.BinaryExpr:
		if t.Op == js.EqToken && (isProcessEnv(t.X) || isProcessEnvMember(t.X)) {
			s.facts.ProcessEnvWritten = true
		}
	case *js.CallExpr:
		s.processEnvAssign(t)
		s.fetchURL(t)
	case *js.LiteralExpr:
		if t.TokenType == js.StringToken {
			s.workersDevURL(t)
		}
	case *js.TemplateExpr:
		if t.Tag == nil {
			s.workersDevURL(t)
		}
	}
}

// isProcessEnv: `process.env` (the global, or node:process imported as
// process) or `globalThis.process.env`.
func isProcessEnv(x js.IExpr) bool {
	d, ok := x.(*js.DotExpr)
	if !ok || propertyName(d.Y) != "env" {
		return false
	}
	switch p := d.X.(type) {
	case *js.Var:
		return string(p.Data) == "process"
	case *js.DotExpr:
		v, ok := p.X.(*js.Var)
		return ok && propertyName(p.Y) == "process" && string(v.Data) == "globalThis"
	}
	return false
}

func isProcessEnvMember(x js.IExpr) bool {
	switch t := x.(type) {
	case *js.DotExpr:
		return isProcessEnv(t.X)
	case *js.IndexExpr:
		return isProcessEnv(t.X)
	}
	return false
}

// isImportMetaEnv: `import.meta.env`, which bundlers fill at build time.
func isImportMetaEnv(x js.IExpr) bool {
	d, ok := x.(*js.DotExpr)
	if !ok || propertyName(d.Y) != "env" {
		return false
	}
	switch d.X.(type) {
	case js.ImportMetaExpr, *js.ImportMetaExpr:
		return true
	}
	return false
}

// isCtxObject: `ctx` or `this.ctx`, the execution context of a handler,
// Durable Object or WorkerEntrypoint.
func isCtxObject(x js.IExpr) bool {
	switch t := x.(type) {
	case *js.Var:
		return string(t.Data) == "ctx"
	case *js.DotExpr:
		return isThis(t.X) && propertyName(t.Y) == "ctx"
	}
	return false
}

func isThis(x js.IExpr) bool {
	switch t := x.(type) {
	case *js.LiteralExpr:
		return t.TokenType == js.ThisToken
	case js.LiteralExpr:
		return t.TokenType == js.ThisToken
	}
	return false
}

// bindingKey is the key a destructuring item reads, and its token (for
// `{ X }`, the variable's, as the parser may not keep the key's bytes).
func (s *scanner) bindingKey(item js.BindingObjectItem) (string, []byte) {
	v, isVar := item.Value.Binding.(*js.Var)
	if item.Key != nil && item.Key.Computed == nil && len(item.Key.Literal.Data) > 0 {
		tok := item.Key.Literal.Data
		if _, inSource := s.doc.genOffset(tok); !inSource && isVar {
			return string(v.Data), v.Data
		}
		if item.Key.Literal.TokenType == js.StringToken {
			return unquoteJS(tok), tok
		}
		return string(tok), tok
	}
	if isVar && item.Key == nil {
		return string(v.Data), v.Data
	}
	return "", nil
}

func (s *scanner) processEnvRead(name string, tok []byte) {
	if name == "" || tok == nil {
		return
	}
	span, ok := s.placeToken(tok)
	if !ok {
		// a quoted key: the token holds the quotes as the source does
		if span, ok = s.doc.literalSpan(tok); !ok {
			return
		}
	}
	r := ProcessEnvRead{Name: name, Span: span}
	if len(s.frames) > 0 {
		if top := s.frames[0]; top.name != "" && s.topFuncs[top.name] == top.node {
			r.Exported = s.exportNames[top.name]
		}
	}
	s.facts.ProcessEnvReads = append(s.facts.ProcessEnvReads, r)
}

// metaEnvRead places an import.meta.env member, which the env-use scan
// also records (its object is `<x>.env`): rules about bindings skip it.
func (s *scanner) metaEnvRead(tok []byte) {
	if span, ok := s.placeToken(tok); ok {
		s.facts.MetaEnvReads = append(s.facts.MetaEnvReads, span)
	} else if span, ok := s.doc.literalSpan(tok); ok {
		s.facts.MetaEnvReads = append(s.facts.MetaEnvReads, span)
	}
}

// processEnvAssign notes Object.assign(process.env, ...): the code fills
// process.env itself.
func (s *scanner) processEnvAssign(c *js.CallExpr) {
	d, ok := c.X.(*js.DotExpr)
	if !ok || propertyName(d.Y) != "assign" || len(c.Args.List) == 0 || !isProcessEnv(c.Args.List[0].Value) {
		return
	}
	if v, ok := d.X.(*js.Var); ok && string(v.Data) == "Object" {
		s.facts.ProcessEnvWritten = true
	}
}

// fetchURL records the global fetch() of a URL whose host is written in
// the code: fetch("https://h/p"), fetch(`https://h/${x}`), fetch(URL)
// with a const URL, fetch(new Request("https://h/p")).
func (s *scanner) fetchURL(c *js.CallExpr) {
	if !isGlobalFetch(c.X) || len(c.Args.List) == 0 {
		return
	}
	arg := c.Args.List[0].Value
	if n, ok := arg.(*js.NewExpr); ok && n.Args != nil && len(n.Args.List) > 0 {
		if v, ok := n.X.(*js.Var); ok && (string(v.Data) == "Request" || string(v.Data) == "URL") {
			arg = n.Args.List[0].Value
		}
	}
	for _, v := range s.eval(arg, 0) {
		if u, ok := hostURL(v); ok {
			s.facts.FetchURLs = append(s.facts.FetchURLs, u)
		}
	}
}

// isGlobalFetch: fetch, globalThis.fetch or self.fetch, not a method of
// another object (a service binding's or a stub's fetch).
func isGlobalFetch(x js.IExpr) bool {
	switch t := x.(type) {
	case *js.Var:
		return string(t.Data) == "fetch" && t.Decl == js.NoDecl
	case *js.DotExpr:
		v, ok := t.X.(*js.Var)
		return ok && propertyName(t.Y) == "fetch" && (string(v.Data) == "globalThis" || string(v.Data) == "self")
	}
	return false
}

// workersDevURL records a literal naming a host below workers.dev.
func (s *scanner) workersDevURL(e js.IExpr) {
	var text []byte
	switch t := e.(type) {
	case *js.LiteralExpr:
		text = t.Data
	case *js.TemplateExpr:
		if len(t.List) > 0 {
			text = t.List[0].Value
		} else {
			text = t.Tail
		}
	}
	if !strings.Contains(string(text), ".workers.dev") {
		return
	}
	for _, v := range s.eval(e, maxEvalDepth-1) {
		if u, ok := hostURL(v); ok && strings.HasSuffix(u.Host, ".workers.dev") {
			s.facts.WorkersDevURLs = append(s.facts.WorkersDevURLs, u)
		}
	}
}

// hostURL reads scheme://host[/path] from the start of a value whose host
// is text written in one literal.
func hostURL(v Value) (HostURL, bool) {
	if len(v.Pieces) == 0 || v.Pieces[0].Kind != PieceText || !v.Pieces[0].Span.Valid() {
		return HostURL{}, false
	}
	first, n := "", 0 // the text before the first run-time part
	for ; n < len(v.Pieces) && v.Pieces[n].Kind == PieceText; n++ {
		first += v.Pieces[n].Text
	}
	i := strings.Index(first, "://")
	if i <= 0 || !isScheme(first[:i]) {
		return HostURL{}, false
	}
	rest := first[i+3:]
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		if n < len(v.Pieces) {
			return HostURL{}, false // the host runs into a run-time part
		}
		end = len(rest)
	}
	host := hostOf(rest[:end])
	if host == "" || strings.ContainsAny(host, "@ ") {
		return HostURL{}, false
	}
	path := rest[end:]
	if j := strings.IndexAny(path, "?#"); j >= 0 {
		path = path[:j]
	}
	return HostURL{Host: host, Path: path, Span: v.Pieces[0].Span}, true
}

// testedHere: the expression's parent tests it rather than uses it
// (x?.y, !x, typeof x, x && ..., x ?? ..., if (x), x ? a : b), so code
// that reaches it copes with its absence.
func (s *scanner) testedHere(x js.IExpr) bool {
	if len(s.stack) == 0 {
		return false
	}
	switch p := s.stack[len(s.stack)-1].(type) {
	case *js.DotExpr:
		return p.X == x && p.Optional
	case *js.IndexExpr:
		return p.X == x && p.Optional
	case *js.UnaryExpr:
		return p.Op == js.NotToken || p.Op == js.TypeofToken
	case *js.BinaryExpr:
		return p.X == x && (p.Op == js.AndToken || p.Op == js.OrToken || p.Op == js.NullishToken)
	case *js.CondExpr:
		return p.Cond == x
	case *js.IfStmt:
		return p.Cond == x
	}
	return false
}
