package jscode

import (
	"strconv"
	"strings"

	"github.com/tdewolff/parse/v2/js"
	"github.com/wranglint/wranglint/lint/source"
)

// Router facts: the literal routes a module's routers serve, read in the
// scan's single pass. Three kinds of router are read:
//
//   - a Hono app (`new Hono()` from hono, hono/tiny, hono/quick, or
//     OpenAPIHono from @hono/zod-openapi): app.get/post/put/delete/patch/
//     options/all/on(method, path), app.route(path, sub) (a sub-router),
//     app.mount(path, handler), app.basePath(path), app.use(...),
//     app.notFound(handler); chained calls and `new Hono().basePath(...)`;
//   - an itty-router router (`Router()`, `AutoRouter()`, `IttyRouter()`,
//     with the `base` option): router.<method>(path, ...);
//   - a function that dispatches on the request URL's pathname:
//     `switch (url.pathname) { case "/a": ... }`, `if (pathname === "/a")`,
//     `if (url.pathname.startsWith("/api/"))`, with `request.method ===
//     "POST"` in the same condition giving the method.
//
// A router's Routes are complete only when Open is "": Open says why more
// may exist (the router is passed to a function that may add routes, a
// route's path is not a literal, a middleware that may answer, a regular
// expression test, ...). CatchAll marks a router that answers every path
// (a notFound handler, a default branch or final return that answers).
// Routes whose path matches every path ("*", "/*") are routes like any
// other: MatchRoute says so.

// Router kinds.
const (
	RouterHono     = "hono"
	RouterItty     = "itty"
	RouterPathname = "pathname"
)

// RouterFact is one router a module builds.
type RouterFact struct {
	Kind string
	// Name is the variable the router is bound to, or the function that
	// dispatches on pathname ("" when anonymous).
	Name string
	// Span is where the router is created (the constructor's name, or the
	// function's first path test); it may be invalid.
	Span   source.Span
	Routes []Route
	Mounts []Mount
	// CatchAll: something answers every path (notFound, a switch default
	// or final return that answers); CatchAllSpan places it when known.
	CatchAll     bool
	CatchAllSpan source.Span
	// Open says why routes beyond Routes and Mounts may exist ("" when
	// they are all known).
	Open string
}

// Route is one literal route.
type Route struct {
	// Method is upper case ("GET", "POST", ...), "ALL" for any method.
	Method string
	// Path is the pattern as the router matches it, base path included:
	// Hono and itty patterns ("/users/:id", "/api/*", "*"), or the literal
	// a pathname router compares with.
	Path string
	// Prefix: every path that starts with Path (a pathname router's
	// startsWith test, app.mount).
	Prefix bool
	Span   source.Span // the path literal; may be invalid
}

// Mount is a sub-router served under a path: `app.route("/api", sub)`.
type Mount struct {
	Path string
	Span source.Span
	// Router is the 1-based index of a router of this module, or 0;
	// Module and Name name an imported one ("default" for a default
	// import).
	Router       int
	Module, Name string
}

// Known reports whether every route of the router is known.
func (r *RouterFact) Known() bool { return r.Open == "" }

// MatchRoute reports whether a router pattern matches a request path
// (without query or fragment). Parameters match one segment (a
// constraint such as `:id{[0-9]+}` is not evaluated: it may match), a
// `*`, a greedy parameter (`:path+`, `:path*`, `:p{.+}`) or a trailing
// `/*` matches the rest (the prefix itself included), `?` makes the last
// parameter optional, and a trailing slash is not significant (Hono's
// strict mode is not modelled): the match errs towards "served".
func MatchRoute(pattern, path string) bool {
	if pattern == "*" || pattern == "/*" || pattern == "" {
		return true
	}
	ps := splitPath(pattern)
	ss := splitPath(path)
	for i, seg := range ps {
		if seg == "*" || greedyParam(seg) {
			return true
		}
		if i >= len(ss) {
			return optionalRest(ps[i:])
		}
		if !matchSegment(seg, ss[i]) {
			return false
		}
	}
	return len(ps) == len(ss)
}

// MatchPrefix reports whether path lies under prefix (a pathname
// router's startsWith test, literally).
func MatchPrefix(prefix, path string) bool { return strings.HasPrefix(path, prefix) }

func splitPath(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// greedyParam: `:path+`, `:path*`, `:p{.+}`, `:p{.*}` match the rest.
func greedyParam(seg string) bool {
	if !strings.HasPrefix(seg, ":") {
		return false
	}
	if strings.HasSuffix(seg, "+") || strings.HasSuffix(seg, "*") {
		return true
	}
	if i := strings.IndexByte(seg, '{'); i > 0 {
		re := seg[i:]
		return strings.Contains(re, ".+") || strings.Contains(re, ".*")
	}
	return false
}

func optionalRest(ps []string) bool {
	for _, seg := range ps {
		if !(strings.HasPrefix(seg, ":") && strings.HasSuffix(seg, "?")) && seg != "*" && !greedyParam(seg) {
			return false
		}
	}
	return true
}

// matchSegment matches one pattern segment: a parameter anywhere in it
// (`:id`, `:file.:ext`) or a `*` makes it match any non-empty segment
// that shares the literal text before it.
func matchSegment(pat, seg string) bool {
	i := strings.IndexAny(pat, ":*")
	if i < 0 {
		return pat == seg
	}
	return strings.HasPrefix(seg, pat[:i]) && seg != ""
}

// honoModules are the modules Hono is imported from.
var honoModules = map[string]bool{"hono": true, "hono/tiny": true, "hono/quick": true, "@hono/zod-openapi": true}

// honoPassThrough are Hono methods that neither add routes nor answer.
var honoPassThrough = map[string]bool{"fetch": true, "request": true, "fire": true, "onError": true, "basePath": true}

var httpMethods = map[string]string{"get": "GET", "post": "POST", "put": "PUT", "delete": "DELETE", "patch": "PATCH",
	"options": "OPTIONS", "head": "HEAD", "all": "ALL"}

// ittyNotRoutes are itty-router properties that are not route methods.
var ittyNotRoutes = map[string]bool{"fetch": true, "handle": true, "routes": true, "base": true, "before": true,
	"finally": true, "catch": true, "missing": true}

// routerView is a router seen through a base path (Hono's basePath gives
// a view that registers into the same routes).
type routerView struct {
	idx  int // 1-based index into Routers
	base string
}

// routerCtor recognises the creation of a router: `new Hono(...)`,
// `Router(...)`, `AutoRouter(...)`, `IttyRouter(...)`; base is itty's
// base option when it is a literal.
func (s *scanner) routerCtor(e js.IExpr) (kind, base string, ok bool) {
	var callee js.IExpr
	var args []js.Arg
	switch t := e.(type) {
	case *js.NewExpr:
		callee = t.X
		if t.Args != nil {
			args = t.Args.List
		}
	case *js.CallExpr:
		callee, args = t.X, t.Args.List
	default:
		return "", "", false
	}
	ib, found := s.callee(callee)
	if !found {
		return "", "", false
	}
	switch {
	case honoModules[ib.module] && (ib.name == "Hono" || ib.name == "OpenAPIHono"):
		return RouterHono, "", true
	case ib.module == "itty-router" && (ib.name == "Router" || ib.name == "AutoRouter" || ib.name == "IttyRouter"):
		if len(args) > 0 {
			if opts, ok := args[0].Value.(*js.ObjectExpr); ok {
				for _, p := range opts.List {
					if p.Name != nil && p.Name.Computed == nil && unquoteJS(p.Name.Literal.Data) == "base" {
						base, _ = stringLiteral(p.Value)
					}
				}
			}
		}
		return RouterItty, base, true
	}
	return "", "", false
}

// routerOf finds the router an expression stands for: a variable bound
// to one, a constructor, or a chained call on one (route methods return
// the app; basePath returns a view with a longer base).
func (s *scanner) routerOf(e js.IExpr, depth int) (routerView, bool) {
	if depth > 32 {
		return routerView{}, false
	}
	c := s.ct
	switch t := e.(type) {
	case *js.GroupExpr:
		return s.routerOf(t.X, depth+1)
	case *js.Var:
		v, ok := c.routerVars[s.declOf(t)]
		return v, ok
	case *js.NewExpr, *js.CallExpr:
		if v, ok := c.routerNodes[t]; ok {
			return v, true
		}
		if kind, base, ok := s.routerCtor(t); ok {
			c.routers = append(c.routers, RouterFact{Kind: kind, Span: s.calleeSpan(t)})
			v := routerView{idx: len(c.routers), base: base}
			c.routerNodes[t] = v
			return v, true
		}
		call, ok := t.(*js.CallExpr)
		if !ok {
			return routerView{}, false
		}
		d, ok := call.X.(*js.DotExpr)
		if !ok {
			return routerView{}, false
		}
		inner, ok := s.routerOf(d.X, depth+1)
		if !ok {
			return routerView{}, false
		}
		switch m := propertyName(d.Y); {
		case m == "basePath" && c.routers[inner.idx-1].Kind == RouterHono:
			if len(call.Args.List) > 0 {
				if p, ok := s.literalPath(call.Args.List[0].Value); ok {
					return routerView{inner.idx, joinPath(inner.base, p)}, true
				}
			}
			c.open(inner.idx, "basePath() with a path that is not a literal")
			return inner, true
		case m == "fetch" || m == "handle" || m == "request" || m == "fire":
			return routerView{}, false // a Response, not the app
		}
		return inner, true // route methods return the app for chaining
	}
	return routerView{}, false
}

// calleeSpan places the constructor's name of a router creation.
func (s *scanner) calleeSpan(e js.IExpr) source.Span {
	var x js.IExpr
	switch t := e.(type) {
	case *js.NewExpr:
		x = t.X
	case *js.CallExpr:
		x = t.X
	}
	if d, ok := x.(*js.DotExpr); ok {
		span, _ := s.placeToken(propertyToken(d.Y))
		return span
	}
	return source.Span{} // a bare name's bytes are its first use (see useSite)
}

// open marks router idx as not fully known, keeping the first reason.
func (c *contractState) open(idx int, why string) {
	if r := &c.routers[idx-1]; r.Open == "" {
		r.Open = why
	}
}

// literalPath reads a path argument: a string or substitution-free
// template literal, or a const holding one.
func (s *scanner) literalPath(e js.IExpr) (string, bool) {
	if str, ok := stringLiteral(e); ok {
		return str, true
	}
	vs := s.eval(e, 0)
	if len(vs) == 1 && vs[0].Known() {
		return vs[0].Text(), true
	}
	return "", false
}

// literalSpanOf places a path argument when it is written as a literal.
func (s *scanner) literalSpanOf(e js.IExpr) source.Span {
	switch t := e.(type) {
	case *js.LiteralExpr:
		span, _ := s.doc.literalSpan(t.Data)
		return span
	case *js.TemplateExpr:
		if len(t.List) == 0 {
			span, _ := s.doc.literalSpan(t.Tail)
			return span
		}
	}
	return source.Span{}
}

// joinPath joins a base path and a route path as Hono's mergePath does.
func joinPath(base, p string) string {
	if base == "" || base == "/" {
		return p
	}
	if p == "" || p == "/" {
		return base
	}
	if p == "*" {
		return strings.TrimSuffix(base, "/") + "/*"
	}
	return strings.TrimSuffix(base, "/") + "/" + strings.TrimPrefix(p, "/")
}

// routerVarDecl binds `const app = new Hono()` (or a chain on it).
func (s *scanner) routerVarDecl(d *js.VarDecl) {
	for _, el := range d.List {
		v, ok := el.Binding.(*js.Var)
		if !ok || el.Default == nil {
			continue
		}
		if view, ok := s.routerOf(el.Default, 0); ok {
			s.ct.routerVars[v] = view
			if r := &s.ct.routers[view.idx-1]; r.Name == "" {
				r.Name = string(v.Data)
			}
		}
	}
}

// routerCall reads a call on a router: a route, a sub-router, a
// middleware, a catch-all. Arguments that are routers passed elsewhere
// make them open.
func (s *scanner) routerCall(c *js.CallExpr) {
	d, isDot := c.X.(*js.DotExpr)
	var view routerView
	onRouter := false
	if isDot {
		view, onRouter = s.routerOf(d.X, 0)
	}
	mounted := -1 // the argument mounted as a sub-router
	if onRouter {
		mounted = s.routerMethod(view, propertyName(d.Y), c.Args.List)
	}
	for i, a := range c.Args.List {
		if i == mounted {
			continue
		}
		if v, ok := a.Value.(*js.Var); ok {
			if sub, ok := s.ct.routerVars[s.declOf(v)]; ok && !(onRouter && s.isHandlerArg(view, propertyName(d.Y), i)) {
				s.ct.open(sub.idx, "it is passed to "+calleeText(c.X)+"(), which may add routes")
			}
		}
	}
}

// isHandlerArg: a router passed as a route handler (`router.all("*",
// sub.fetch)` passes a member, not the router; `app.get("/", sub)` would
// be a mistake) is not passed to code that adds routes.
func (s *scanner) isHandlerArg(view routerView, method string, i int) bool {
	_, route := httpMethods[method]
	return route && i > 0
}

// calleeText writes a callee for messages: f, a.f, a.b.f.
func calleeText(x js.IExpr) string {
	switch t := x.(type) {
	case *js.Var:
		return string(t.Data)
	case *js.DotExpr:
		if inner := calleeText(t.X); inner != "" {
			return inner + "." + propertyName(t.Y)
		}
		return propertyName(t.Y)
	case *js.GroupExpr:
		return calleeText(t.X)
	}
	return ""
}

// routerMethod records one call of a router method; it returns the index
// of an argument mounted as a sub-router (-1 when none).
func (s *scanner) routerMethod(view routerView, m string, args []js.Arg) int {
	c := s.ct
	r := &c.routers[view.idx-1]
	if r.Kind == RouterItty {
		if ittyNotRoutes[m] {
			return -1
		}
		method := strings.ToUpper(m)
		if m == "all" {
			method = "ALL"
		}
		s.addRoutes(view, method, args)
		return -1
	}
	if method, ok := httpMethods[m]; ok && m != "head" {
		s.addRoutes(view, method, args)
		return -1
	}
	switch m {
	case "on":
		if len(args) < 2 {
			c.open(view.idx, "app.on() without a method and a path")
			return -1
		}
		methods, ok := s.literalStrings(args[0].Value)
		if !ok {
			c.open(view.idx, "app.on() with methods that are not literals")
			return -1
		}
		for _, meth := range methods {
			s.addRoutes(view, strings.ToUpper(meth), args[1:])
		}
	case "route":
		if len(args) < 2 {
			c.open(view.idx, "app.route() without a sub-app")
			return -1
		}
		p, ok := s.literalPath(args[0].Value)
		if !ok {
			c.open(view.idx, "app.route() with a path that is not a literal")
			return -1
		}
		mt := Mount{Path: joinPath(view.base, p), Span: s.literalSpanOf(args[0].Value)}
		switch sub := args[1].Value.(type) {
		case *js.Var:
			if sv, ok := c.routerVars[s.declOf(sub)]; ok {
				mt.Router = sv.idx
			} else if ib, ok := s.imports[string(sub.Data)]; ok && s.declOf(sub).Decl != js.ArgumentDecl {
				mt.Module, mt.Name = ib.module, ib.name
			} else {
				c.open(view.idx, "app.route("+strconv.Quote(p)+", "+string(sub.Data)+") mounts a sub-app wranglint does not follow")
				return 1
			}
		default:
			if sv, ok := s.routerOf(sub, 0); ok {
				mt.Router = sv.idx
			} else {
				c.open(view.idx, "app.route("+strconv.Quote(p)+", ...) mounts a sub-app wranglint does not follow")
				return 1
			}
		}
		r.Mounts = append(r.Mounts, mt)
		return 1
	case "mount":
		if len(args) < 1 {
			return -1
		}
		if p, ok := s.literalPath(args[0].Value); ok {
			r.Routes = append(r.Routes, Route{Method: "ALL", Path: joinPath(view.base, p), Prefix: true, Span: s.literalSpanOf(args[0].Value)})
		} else {
			c.open(view.idx, "app.mount() with a path that is not a literal")
		}
	case "use":
		for _, a := range args {
			if !s.passThroughMiddleware(a.Value) {
				c.open(view.idx, "app.use() with a middleware that may answer requests itself")
				break
			}
		}
	case "notFound":
		if !r.CatchAll {
			r.CatchAll = true
		}
	default:
		if !honoPassThrough[m] {
			c.open(view.idx, "app."+m+"() may add routes wranglint does not read")
		}
	}
	return -1
}

// addRoutes records `method(path | paths, ...handlers)`.
func (s *scanner) addRoutes(view routerView, method string, args []js.Arg) {
	c := s.ct
	if len(args) == 0 {
		return
	}
	paths, ok := s.literalStrings(args[0].Value)
	if !ok {
		c.open(view.idx, "a route whose path is not a literal")
		return
	}
	span := s.literalSpanOf(args[0].Value)
	r := &c.routers[view.idx-1]
	for _, p := range paths {
		r.Routes = append(r.Routes, Route{Method: method, Path: joinPath(view.base, p), Span: span})
	}
}

// literalStrings reads a literal string or an array of them.
func (s *scanner) literalStrings(e js.IExpr) ([]string, bool) {
	if arr, ok := e.(*js.ArrayExpr); ok {
		var out []string
		for _, el := range arr.List {
			str, ok := s.literalPath(el.Value)
			if !ok || el.Spread {
				return nil, false
			}
			out = append(out, str)
		}
		return out, len(out) > 0
	}
	str, ok := s.literalPath(e)
	if !ok {
		return nil, false
	}
	return []string{str}, true
}

// passThroughMiddleware: a path, an inline function (middleware that
// calls next), or a call of a Hono middleware (hono/cors, hono/logger,
// ...; serveStatic answers, so it is not one).
func (s *scanner) passThroughMiddleware(e js.IExpr) bool {
	switch t := e.(type) {
	case *js.LiteralExpr, *js.TemplateExpr, *js.ArrowFunc, *js.FuncDecl:
		return true
	case *js.CallExpr:
		ib, ok := s.callee(t.X)
		return ok && (strings.HasPrefix(ib.module, "hono/") || strings.HasPrefix(ib.module, "@hono/")) &&
			!strings.Contains(strings.ToLower(ib.name), "static")
	}
	return false
}
