package jscode

import (
	"strings"

	"github.com/tdewolff/parse/v2/js"
)

// Facts about a Worker's own request handling: the paths its router
// serves itself, and whether a class replaces the fetch it inherits.

// routerMethods are the router calls whose path argument is a route the
// Worker serves (Hono, itty-router, Express-like): app.get("/a/:id", h).
// route and mount attach a sub-router below the path.
var routerMethods = map[string]bool{"get": true, "post": true, "put": true, "patch": true, "delete": true, "del": true,
	"all": true, "head": true, "options": true, "on": true, "route": true, "mount": true}

// routerPath records the path of a router call: the first argument, or
// the second for Hono's app.on(method, path, handler).
func (s *scanner) routerPath(c *js.CallExpr) {
	d, ok := c.X.(*js.DotExpr)
	if !ok {
		return
	}
	method := propertyName(d.Y)
	if !routerMethods[method] {
		return
	}
	at := 0
	if method == "on" {
		at = 1
	}
	if at >= len(c.Args.List) {
		return
	}
	path, ok := staticString(c.Args.List[at].Value)
	if !ok {
		return
	}
	if method == "route" || method == "mount" {
		path = strings.TrimSuffix(path, "/") + "/*"
	}
	s.addRoutePattern(path)
}

// pathnameCompare records `url.pathname === "/a/b"` (either side).
func (s *scanner) pathnameCompare(b *js.BinaryExpr) {
	if b.Op != js.EqEqEqToken && b.Op != js.EqEqToken {
		return
	}
	for _, pair := range [][2]js.IExpr{{b.X, b.Y}, {b.Y, b.X}} {
		if isPathname(pair[0]) {
			if path, ok := staticString(pair[1]); ok {
				s.addRoutePattern(path)
			}
		}
	}
}

// pathnameStartsWith records `url.pathname.startsWith("/a/")` as every
// path below /a.
func (s *scanner) pathnameStartsWith(c *js.CallExpr) {
	d, ok := c.X.(*js.DotExpr)
	if !ok || propertyName(d.Y) != "startsWith" || !isPathname(d.X) || len(c.Args.List) == 0 {
		return
	}
	if path, ok := staticString(c.Args.List[0].Value); ok {
		s.addRoutePattern(strings.TrimSuffix(path, "/") + "/*")
	}
}

// pathnameSwitch records the cases of `switch (url.pathname)`.
func (s *scanner) pathnameSwitch(sw *js.SwitchStmt) {
	if !isPathname(sw.Init) {
		return
	}
	for _, c := range sw.List {
		if path, ok := staticString(c.Cond); ok {
			s.addRoutePattern(path)
		}
	}
}

// isPathname: url.pathname, new URL(r.url).pathname, or a variable named
// pathname (const { pathname } = new URL(request.url)).
func isPathname(e js.IExpr) bool {
	switch t := e.(type) {
	case *js.DotExpr:
		return propertyName(t.Y) == "pathname"
	case *js.Var:
		return string(t.Data) == "pathname"
	case *js.GroupExpr:
		return isPathname(t.X)
	}
	return false
}

// staticString is a string literal (or a template without substitutions)
// that is a path: it starts with a single "/".
func staticString(e js.IExpr) (string, bool) {
	var str string
	switch t := e.(type) {
	case *js.LiteralExpr:
		if t.TokenType != js.StringToken {
			return "", false
		}
		str = unquoteJS(t.Data)
	case *js.TemplateExpr:
		if t.Tag != nil || len(t.List) > 0 {
			return "", false
		}
		str = strings.TrimSuffix(strings.TrimPrefix(string(t.Tail), "`"), "`")
	default:
		return "", false
	}
	if !strings.HasPrefix(str, "/") || strings.HasPrefix(str, "//") || len(str) > 200 || strings.ContainsAny(str, " \n") {
		return "", false
	}
	return str, true
}

func (s *scanner) addRoutePattern(path string) {
	if len(s.facts.RoutePatterns) < 256 && !contains(s.facts.RoutePatterns, path) {
		s.facts.RoutePatterns = append(s.facts.RoutePatterns, path)
	}
}

// fetchOverride says whether a class declares its own fetch: "" when it
// does not, "super" when that fetch calls super.fetch (the inherited one
// still runs), "own" when it replaces it.
func fetchOverride(d *js.ClassDecl) string {
	for _, el := range d.List {
		var body js.INode
		switch {
		case el.Method != nil && !el.Method.Static && !el.Method.Get && !el.Method.Set && el.Method.Name.Private == nil &&
			propertyName(el.Method.Name.PropertyName.Literal) == "fetch":
			body = &el.Method.Body
		case el.Method == nil && el.StaticBlock == nil && !el.Field.Static && el.Field.Name.Private == nil &&
			propertyName(el.Field.Name.PropertyName.Literal) == "fetch" && el.Field.Init != nil:
			body = el.Field.Init
		default:
			continue
		}
		f := &superFetchFinder{}
		js.Walk(f, body)
		if f.found {
			return "super"
		}
		return "own"
	}
	return ""
}

// superFetchFinder looks for super.fetch in a method body.
type superFetchFinder struct{ found bool }

func (f *superFetchFinder) Enter(n js.INode) js.IVisitor {
	if f.found {
		return nil
	}
	if d, ok := n.(*js.DotExpr); ok && propertyName(d.Y) == "fetch" {
		if lit, ok := d.X.(*js.LiteralExpr); ok && lit.TokenType == js.SuperToken {
			f.found = true
			return nil
		}
	}
	return f
}

func (f *superFetchFinder) Exit(js.INode) {}

// fetchMethodRoutes reads the literal routes a class's fetch method
// answers through a pathname router before it falls back to super.fetch,
// and whether it tests paths in ways not read (a regular expression).
func (s *scanner) fetchMethodRoutes(d *js.ClassDecl) ([]Route, bool) {
	for _, el := range d.List {
		if el.Method == nil || el.Method.Static || el.Method.Name.Private != nil ||
			propertyName(el.Method.Name.PropertyName.Literal) != "fetch" {
			continue
		}
		if r, ok := s.pathnameRouter("fetch", &el.Method.Body); ok {
			return r.Routes, r.Open != ""
		}
	}
	return nil, false
}

// requestPath is the path of a literal URL ("https://agent/delegate") or
// path ("/delegate") the code passes, "" when it is not one.
func (s *scanner) requestPath(e js.IExpr) string {
	text, ok := s.literalPath(e)
	if !ok {
		// a template: its parts filled at run time stand as "{}"
		vs := s.eval(e, 0)
		if len(vs) != 1 || len(vs[0].Pieces) == 0 || vs[0].Pieces[0].Kind != PieceText {
			return ""
		}
		var b strings.Builder
		for _, p := range vs[0].Pieces {
			if p.Kind == PieceText {
				b.WriteString(p.Text)
			} else {
				b.WriteString("{}")
			}
		}
		text = b.String()
	}
	if i := strings.Index(text, "://"); i >= 0 {
		rest := text[i+3:]
		j := strings.IndexByte(rest, '/')
		if j < 0 {
			return "/"
		}
		text = rest[j:]
	}
	if !strings.HasPrefix(text, "/") {
		return ""
	}
	if k := strings.IndexAny(text, "?#"); k >= 0 {
		text = text[:k]
	}
	return text
}
