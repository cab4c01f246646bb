package analyses

import (
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// Entries is the model of what each Worker's entry serves: main's
// default export and named exports as deployed, followed through
// `export { default } from`, `export *`, composition (`{ ...handler,
// fetch }`), wrappers (withSentry, project functions one level deep),
// classes and their bases within the repository and its workspace
// packages, and framework apps with the routes they serve.
//
// API (for rules and for other analyses):
//
//	ix := analyses.EntriesOf(pass)        // requires Entries
//	en := ix.For(worker, env)             // nil without a built main
//	h := en.Default                       // nil: main has no default export
//	h.Known()                             // kind known and no member may be missing
//	m, ok := h.Member("scheduled")        // a handler or method
//	h.Routes                              // what its fetch serves (nil: unknown)
//	h.Routes.Known, h.Routes.Serves(method, path)
//	en.Named("Api")                       // a named export as deployed
//
// When something cannot be told (a default export from a package, the
// result of an unknown call), the Handler's Kind is HandlerUnknown with
// Why, and the index lists it under Skipped (--verbose).
var Entries = &lint.Analysis{
	Name: "entries",
	Doc:  "what each Worker's entry serves: the default and named exports as deployed, with their handlers, methods, base classes and routes",
	Run:  func(p *lint.AnalysisPass) any { return newEntries(p.Project) },
}

// EntriesOf returns the Entries analysis's result.
func EntriesOf(r lint.Results) *EntryIndex { return r.ResultOf(Entries).(*EntryIndex) }

// EntryIndex is the result of Entries.
type EntryIndex struct {
	p      *project.Project
	byMain map[string]*Entry
	// Skipped are the entries whose default export cannot be told: no
	// trigger, RPC or route check applies to those Workers.
	Skipped []jscode.Skip
}

// Entry is what one main serves.
type Entry struct {
	Main    string
	Facts   *jscode.SourceFacts // main's own facts
	Default *Handler            // nil when main has no default export
	mu      sync.Mutex          // rules ask for named exports in parallel
	named   map[string]*Handler
	r       *resolver
}

// HandlerKind says what an export is.
type HandlerKind int

const (
	// HandlerUnknown: not followed (Why says what it is).
	HandlerUnknown HandlerKind = iota
	// HandlerObject: an object (a literal, composed or wrapped, or an
	// instance of a class): its members are its handlers; RPC may call
	// its own function members.
	HandlerObject
	// HandlerClass: a class; Base is the package class it extends.
	HandlerClass
	// HandlerApp: a framework app (Hono, itty-router): it answers fetch
	// only.
	HandlerApp
)

// Handler is one export as deployed.
type Handler struct {
	Kind HandlerKind
	Why  string
	// Members are its handlers and methods by name: own members first,
	// then those spread in or inherited.
	Members map[string]Member
	// Open says why members beyond Members may exist ("" when none can).
	Open string
	// Base is the package class a class (or the class of an instance)
	// extends at the root of its chain; Module "" when none.
	Base      BaseClass
	ClassName string
	// File and Value place the export's own description (for fixes: an
	// object literal to add a member to); Span is where it is written.
	File  *jscode.SourceFacts
	Value jscode.ValueRef
	Span  source.Span
	// Via lists the wrappers and composition it went through.
	Via []string
	// Routes is what its fetch serves (nil when unknown).
	Routes *Routes
	// Framework is the kind of app (jscode.RouterHono, RouterItty) of a
	// HandlerApp.
	Framework string
}

// BaseClass is a class from a package.
type BaseClass struct {
	Module, Name string
}

// Member is one handler or method of an export.
type Member struct {
	Name   string
	Kind   jscode.MemberKind
	Static bool
	Span   source.Span
	// Func is the function when it is known (params, router, cron
	// dispatch), in File.
	Func *jscode.FuncFact
	File *jscode.SourceFacts
	// Value is the member's own value in File (for `fetch: app.fetch`).
	Value jscode.ValueRef
	// From says where a member that is not the export's own comes from
	// ("spread of handler", "inherited from Base"); "" for own members.
	From string
}

// Known reports whether the export's kind and every member are known.
func (h *Handler) Known() bool { return h != nil && h.Kind != HandlerUnknown && h.Open == "" }

// Member returns a member by name.
func (h *Handler) Member(name string) (Member, bool) {
	if h == nil {
		return Member{}, false
	}
	m, ok := h.Members[name]
	return m, ok
}

// Describe names the export for messages: "an object", "class Api",
// "a Hono app".
func (h *Handler) Describe() string {
	switch h.Kind {
	case HandlerObject:
		if h.ClassName != "" {
			return "an instance of class " + h.ClassName
		}
		return "an object"
	case HandlerClass:
		if h.ClassName != "" {
			return "class " + h.ClassName
		}
		return "an anonymous class"
	case HandlerApp:
		switch h.Framework {
		case jscode.RouterHono:
			return "a Hono app"
		case jscode.RouterItty:
			return "an itty-router router"
		}
		return "a framework app"
	}
	return h.Why
}

// IsCloudflareBase reports whether the export extends the named class of
// cloudflare:workers (WorkerEntrypoint, DurableObject, WorkflowEntrypoint).
func (h *Handler) IsCloudflareBase(name string) bool {
	return h != nil && h.Base.Module == "cloudflare:workers" && h.Base.Name == name
}

// Routes is what a fetch handler serves.
type Routes struct {
	Routes []jscode.Route // mount prefixes and base paths applied
	// CatchAll: something answers every path.
	CatchAll bool
	// Known: every route is known (no router is open and every sub-router
	// was followed); Why says why not.
	Known bool
	Why   string
}

// Serves reports whether a request reaches a route: the path matches a
// route's pattern (or lies under a prefix route) and the route takes the
// method ("" matches any; a GET route also answers HEAD).
func (r *Routes) Serves(method, path string) bool {
	if r == nil {
		return true
	}
	if r.CatchAll {
		return true
	}
	for _, rt := range r.Routes {
		if !methodMatches(rt.Method, method) {
			continue
		}
		if rt.Prefix && jscode.MatchPrefix(rt.Path, path) || !rt.Prefix && jscode.MatchRoute(rt.Path, path) {
			return true
		}
	}
	return false
}

// ServesPath reports whether any route, whatever its method, takes path.
func (r *Routes) ServesPath(path string) bool { return r.Serves("", path) }

func methodMatches(route, method string) bool {
	return route == "ALL" || method == "" || route == method || route == "GET" && method == "HEAD"
}

// For returns the entry of a deployment: its main's, when the bundle of
// main succeeded (nil otherwise).
func (ix *EntryIndex) For(w *project.Worker, e *wrangler.Env) *Entry {
	mod := w.Module(e)
	if mod == nil || !mod.Built {
		return nil
	}
	return ix.byMain[mod.Main]
}

// Named returns a named export of main as deployed (nil when main does
// not export the name, or it cannot be followed).
func (en *Entry) Named(name string) *Handler {
	en.mu.Lock()
	defer en.mu.Unlock()
	if h, ok := en.named[name]; ok {
		return h
	}
	var h *Handler
	if sf, ref, ok := en.r.export(en.Main, name, 0); ok {
		h = en.r.handler(sf, ref, &ctx{})
	}
	en.named[name] = h
	return h
}

func newEntries(p *project.Project) *EntryIndex {
	ix := &EntryIndex{p: p, byMain: map[string]*Entry{}}
	r := &resolver{p: p}
	for _, w := range p.Workers {
		for _, mod := range w.Modules() {
			if !mod.Built || ix.byMain[mod.Main] != nil {
				continue
			}
			en := &Entry{Main: mod.Main, Facts: p.Facts(mod.Main), named: map[string]*Handler{}, r: r}
			if sf, ref, ok := r.export(mod.Main, "default", 0); ok {
				en.Default = r.handler(sf, ref, &ctx{})
			} else if mod.ExportsName("default") {
				en.Default = &Handler{Kind: HandlerUnknown, Why: "a default export wranglint cannot follow"}
			}
			ix.byMain[mod.Main] = en
			if en.Default != nil && en.Default.Kind == HandlerUnknown && !w.RoutingOnly {
				ix.Skipped = append(ix.Skipped, jscode.Skip{Via: "the default export of " + p.Rel(mod.Main), Span: defaultSpan(en),
					Reason: "it is " + en.Default.Why + ": the Worker's triggers, service calls and routes are not checked against it"})
			}
		}
	}
	return ix
}

// Value resolves a value described in a module (a delegate's object, a
// member's value) as an export would be.
func (ix *EntryIndex) Value(sf *jscode.SourceFacts, ref jscode.ValueRef) *Handler {
	return (&resolver{p: ix.p}).handler(sf, ref, &ctx{})
}

// defaultSpan places an entry's default export for messages.
func defaultSpan(en *Entry) source.Span {
	if en.Facts != nil && en.Facts.Entry.DefaultAt.Valid() {
		return en.Facts.Entry.DefaultAt
	}
	if en.Default != nil && en.Default.Span.Valid() {
		return en.Default.Span
	}
	if en.Facts != nil {
		return source.Span{File: en.Facts.File, Start: 0, End: min(1, len(en.Facts.File.Data))}
	}
	return source.Span{}
}

// DefaultSpan places the default export of the entry: `export default`
// in main when it is written there, else the export's own place.
func (en *Entry) DefaultSpan() source.Span { return defaultSpan(en) }

// resolver follows values across modules.
type resolver struct {
	p *project.Project
}

// ctx carries what one resolution knows: how deep it is, the values
// bound to a project wrapper's parameters, what it went through.
type ctx struct {
	depth   int
	wrapped bool // inside a project function already (one level deep)
	params  []argRef
	via     []string
	seen    map[valueKey]bool
}

type argRef struct {
	sf  *jscode.SourceFacts
	ref jscode.ValueRef
	c   *ctx
}

type valueKey struct {
	file string
	ref  jscode.ValueRef
}

const maxResolveDepth = 24

// export finds where a module's export name is described: its own
// export, an `export { x as name } from`, or an `export *` chain.
func (r *resolver) export(file, name string, hops int) (*jscode.SourceFacts, jscode.ValueRef, bool) {
	sf := r.p.Facts(file)
	if sf == nil || hops > 8 {
		return nil, 0, false
	}
	if name == "default" && sf.Entry.Default != 0 {
		return sf, sf.Entry.Default, true
	}
	if ref, ok := sf.Entry.NamedExport(name); ok {
		return sf, ref, true
	}
	for _, re := range sf.ReExports {
		if re.As == name {
			target := r.p.ResolveModule(file, re.Module)
			if target == "" || strings.Contains(filepath.ToSlash(target), "/node_modules/") {
				return nil, 0, false // a package's export: not the project's code
			}
			return r.export(target, re.Name, hops+1)
		}
	}
	if name != "default" {
		for _, spec := range sf.StarExports {
			if target := r.p.ResolveModule(file, spec); target != "" {
				if s2, ref, ok := r.export(target, name, hops+1); ok {
					return s2, ref, true
				}
			}
		}
	}
	return nil, 0, false
}

func unknown(why string) *Handler { return &Handler{Kind: HandlerUnknown, Why: why} }

// handler resolves a described value into what it serves.
func (r *resolver) handler(sf *jscode.SourceFacts, ref jscode.ValueRef, c *ctx) *Handler {
	v := sf.Entry.Value(ref)
	if v == nil {
		return unknown("a value wranglint cannot follow")
	}
	if c.depth > maxResolveDepth {
		return unknown("a value nested too deep")
	}
	key := valueKey{sf.File.Path, ref}
	if c.seen == nil {
		c.seen = map[valueKey]bool{}
	}
	if c.seen[key] {
		return unknown("a value that refers to itself")
	}
	c.seen[key] = true
	defer delete(c.seen, key)
	c.depth++
	defer func() { c.depth-- }()
	switch v.Kind {
	case jscode.ValueObject:
		return r.object(sf, ref, v, c)
	case jscode.ValueClass:
		h := r.class(sf, v, c)
		h.File, h.Value = sf, ref
		return h
	case jscode.ValueInstance:
		cls := r.classValue(sf, v.CalleeValue, c)
		if cls == nil || cls.Kind != HandlerClass {
			return unknown("an instance of " + v.Callee + ", a class wranglint does not follow")
		}
		h := &Handler{Kind: HandlerObject, Members: cls.Members, Open: orWhy(v.Open, cls.Open), Base: cls.Base, ClassName: cls.ClassName,
			File: sf, Value: ref, Span: v.Span, Via: c.via}
		h.Routes = r.fetchRoutes(h, c)
		return h
	case jscode.ValueApp:
		h := &Handler{Kind: HandlerApp, Members: map[string]Member{"fetch": {Name: "fetch", Kind: jscode.MemberFunction, File: sf}},
			File: sf, Value: ref, Via: c.via, Open: v.Open}
		if v.Router > 0 && v.Router <= len(sf.Routers) {
			h.Span, h.Framework = sf.Routers[v.Router-1].Span, sf.Routers[v.Router-1].Kind
		}
		h.Routes = r.routerRoutes(sf, v.Router, 0)
		return h
	case jscode.ValueImport:
		return r.imported(sf, v, c)
	case jscode.ValueCall:
		return r.call(sf, v, c)
	case jscode.ValueParam:
		if v.Param < len(c.params) && c.params[v.Param].sf != nil {
			a := c.params[v.Param]
			return r.handler(a.sf, a.ref, a.c)
		}
		return unknown("a parameter whose argument is not known")
	case jscode.ValueFunction:
		return unknown("a function, which the runtime cannot call as a handler object")
	case jscode.ValueMember:
		return unknown("a property of another value (" + v.Prop + ")")
	}
	return unknown(orWhy(v.Why, "a value wranglint does not follow"))
}

func orWhy(why, def string) string {
	if why == "" {
		return def
	}
	return why
}

// imported follows an imported name to the module that describes it.
func (r *resolver) imported(sf *jscode.SourceFacts, v *jscode.EntryValue, c *ctx) *Handler {
	if v.Name == "*" {
		return unknown("a namespace import of " + v.Module)
	}
	target := r.p.ResolveModule(sf.File.Path, v.Module)
	if target == "" || strings.Contains(filepath.ToSlash(target), "/node_modules/") {
		return unknown(v.Name + " imported from the package " + v.Module)
	}
	s2, ref, ok := r.export(target, v.Name, 0)
	if !ok {
		return unknown(v.Name + " of " + r.p.Rel(target) + ", which wranglint cannot follow")
	}
	return r.handler(s2, ref, c)
}

// classValue resolves a value that should be a class (a base, the class
// of an instance).
func (r *resolver) classValue(sf *jscode.SourceFacts, ref jscode.ValueRef, c *ctx) *Handler {
	if ref == 0 {
		return nil
	}
	return r.handler(sf, ref, c)
}

// object resolves an object literal: own members, then spreads (later
// keys win at run time, but presence is what matters here).
func (r *resolver) object(sf *jscode.SourceFacts, ref jscode.ValueRef, v *jscode.EntryValue, c *ctx) *Handler {
	h := &Handler{Kind: HandlerObject, Members: map[string]Member{}, Open: v.Open, File: sf, Value: ref, Span: v.Span, Via: c.via}
	for _, m := range v.Members {
		h.Members[m.Name] = r.member(sf, m, "")
	}
	for _, sp := range v.Spreads {
		inner := r.handler(sf, sp, c)
		from := "spread of " + spreadName(sf, sp)
		switch inner.Kind {
		case HandlerObject, HandlerApp:
			for name, m := range inner.Members {
				if m.Kind == jscode.MemberMethod && inner.ClassName != "" {
					continue // an instance's prototype methods are not own properties
				}
				if _, own := h.Members[name]; !own {
					if m.From == "" {
						m.From = from
					}
					h.Members[name] = m
				}
			}
			if inner.Open != "" && h.Open == "" {
				h.Open = inner.Open
			}
			if h.Routes == nil && inner.Routes != nil {
				h.Routes = inner.Routes
			}
		default:
			if h.Open == "" {
				h.Open = "it spreads " + spreadName(sf, sp) + ", which is " + inner.Describe()
			}
		}
	}
	if routes := r.fetchRoutes(h, c); routes != nil {
		h.Routes = routes
	}
	return h
}

// spreadName names a spread value for messages.
func spreadName(sf *jscode.SourceFacts, ref jscode.ValueRef) string {
	v := sf.Entry.Value(ref)
	switch {
	case v == nil:
		return "a value"
	case v.Kind == jscode.ValueImport:
		return v.Name + " (" + v.Module + ")"
	case v.Kind == jscode.ValueCall:
		return v.Callee + "(...)"
	}
	return "a value"
}

func (r *resolver) member(sf *jscode.SourceFacts, m jscode.EntryMember, from string) Member {
	out := Member{Name: m.Name, Kind: m.Kind, Static: m.Static, Span: m.Span, File: sf, Value: m.Value, From: from}
	if fv := sf.Entry.Value(m.Value); fv != nil && fv.Kind == jscode.ValueFunction {
		out.Func = sf.Entry.Function(fv.Func)
	}
	return out
}

// class resolves a class with the members it inherits within the
// project, up to the package class at the root.
func (r *resolver) class(sf *jscode.SourceFacts, v *jscode.EntryValue, c *ctx) *Handler {
	h := &Handler{Kind: HandlerClass, Members: map[string]Member{}, Open: v.Open, ClassName: v.ClassName, Span: v.Span, Via: c.via}
	for _, m := range v.Members {
		if m.Static {
			continue // a static member is the constructor's, not the instances'
		}
		h.Members[m.Name] = r.member(sf, m, "")
	}
	if v.Extends != 0 {
		r.inherit(h, sf, v.Extends, c)
	}
	h.Routes = r.fetchRoutes(h, c)
	return h
}

// knownBases are package classes whose prototype brings no handler or
// RPC method of its own.
var knownBases = map[string]bool{
	"cloudflare:workers#WorkerEntrypoint":   true,
	"cloudflare:workers#DurableObject":      true,
	"cloudflare:workers#WorkflowEntrypoint": true,
	"cloudflare:workers#RpcTarget":          true,
}

// inherit adds the members of the base a class extends.
func (r *resolver) inherit(h *Handler, sf *jscode.SourceFacts, ext jscode.ValueRef, c *ctx) {
	bv := sf.Entry.Value(ext)
	if bv == nil {
		return
	}
	if bv.Kind == jscode.ValueImport {
		target := r.p.ResolveModule(sf.File.Path, bv.Module)
		if target == "" || strings.Contains(filepath.ToSlash(target), "/node_modules/") {
			h.Base = BaseClass{Module: bv.Module, Name: bv.Name}
			if !knownBases[bv.Module+"#"+bv.Name] && h.Open == "" {
				h.Open = "it extends " + bv.Name + " from " + bv.Module + ", whose methods wranglint does not know"
			}
			return
		}
	}
	base := r.handler(sf, ext, c)
	if base.Kind != HandlerClass {
		if h.Open == "" {
			h.Open = "it extends " + base.Describe()
		}
		return
	}
	h.Base = base.Base
	for name, m := range base.Members {
		if _, own := h.Members[name]; !own {
			if m.From == "" {
				m.From = "inherited from " + base.ClassName
			}
			h.Members[name] = m
		}
	}
	if base.Open != "" && h.Open == "" {
		h.Open = base.Open
	}
}

// wrappers are library functions that return their handler argument
// instrumented: the argument index that holds the handler or class.
var wrappers = map[string]int{
	"@sentry/cloudflare#withSentry":                        1,
	"@sentry/cloudflare#instrumentDurableObjectWithSentry": 1,
	"@sentry/cloudflare#instrumentWorkflowWithSentry":      1,
	"@microlabs/otel-cf-workers#instrument":                0,
	"@microlabs/otel-cf-workers#instrumentDO":              0,
}

// call resolves a call: a known wrapper gives its handler argument; a
// project function (one level deep) gives what it returns, with its
// parameters bound to the arguments.
func (r *resolver) call(sf *jscode.SourceFacts, v *jscode.EntryValue, c *ctx) *Handler {
	callee := sf.Entry.Value(v.CalleeValue)
	if callee != nil && callee.Kind == jscode.ValueImport {
		if i, ok := wrappers[callee.Module+"#"+callee.Name]; ok {
			if i >= len(v.Args) {
				return unknown("a call of " + v.Callee + " without its handler argument")
			}
			inner := *c
			inner.via = append(append([]string(nil), c.via...), v.Callee)
			return r.handler(sf, v.Args[i], &inner)
		}
	}
	if c.wrapped {
		return unknown("the result of " + v.Callee + "(), a function called inside another wrapper")
	}
	fsf, fn := r.function(sf, v.CalleeValue, c)
	if fn == nil {
		return unknown("the result of calling " + v.Callee + "(), which wranglint does not follow")
	}
	if len(fn.Returns) != 1 {
		return unknown("the result of calling " + v.Callee + "(), which returns more than one value")
	}
	inner := &ctx{depth: c.depth, wrapped: true, seen: c.seen, via: append(append([]string(nil), c.via...), v.Callee)}
	for _, a := range v.Args {
		inner.params = append(inner.params, argRef{sf: sf, ref: a, c: c})
	}
	return r.handler(fsf, fn.Returns[0], inner)
}

// function finds the project function a callee names.
func (r *resolver) function(sf *jscode.SourceFacts, ref jscode.ValueRef, c *ctx) (*jscode.SourceFacts, *jscode.FuncFact) {
	v := sf.Entry.Value(ref)
	for hops := 0; v != nil && hops < 8; hops++ {
		switch v.Kind {
		case jscode.ValueFunction:
			return sf, sf.Entry.Function(v.Func)
		case jscode.ValueImport:
			target := r.p.ResolveModule(sf.File.Path, v.Module)
			if target == "" || strings.Contains(filepath.ToSlash(target), "/node_modules/") {
				return nil, nil
			}
			s2, ref2, ok := r.export(target, v.Name, 0)
			if !ok {
				return nil, nil
			}
			sf, v = s2, s2.Entry.Value(ref2)
		default:
			return nil, nil
		}
	}
	return nil, nil
}

// fetchRoutes finds what an object's or class's fetch serves: an app's
// routes (`fetch: app.fetch`, a fetch that returns app.fetch(...)), or
// the pathname router of the fetch function itself.
func (r *resolver) fetchRoutes(h *Handler, c *ctx) *Routes {
	m, ok := h.Members["fetch"]
	if !ok {
		return nil
	}
	if v := m.File.Entry.Value(m.Value); v != nil && v.Kind == jscode.ValueMember {
		return r.appRoutes(m.File, v.Object, c)
	}
	if v := m.File.Entry.Value(m.Value); v != nil && v.Kind == jscode.ValueImport {
		if fsf, fn := r.function(m.File, m.Value, c); fn != nil {
			return r.funcRoutes(fsf, fn, c)
		}
	}
	if m.Func == nil {
		return nil
	}
	return r.funcRoutes(m.File, m.Func, c)
}

// funcRoutes: a function's own pathname router, or the app it hands
// every request to (`return app.fetch(req, env, ctx)`).
func (r *resolver) funcRoutes(sf *jscode.SourceFacts, fn *jscode.FuncFact, c *ctx) *Routes {
	if fn.Router != 0 {
		return r.routerRoutes(sf, fn.Router, 0)
	}
	if len(fn.Returns) != 1 {
		return nil
	}
	rv := sf.Entry.Value(fn.Returns[0])
	if rv == nil || rv.Kind != jscode.ValueCall {
		return nil
	}
	callee := sf.Entry.Value(rv.CalleeValue)
	if callee == nil || callee.Kind != jscode.ValueMember || (callee.Prop != "fetch" && callee.Prop != "handle" && callee.Prop != "request") {
		return nil
	}
	return r.appRoutes(sf, callee.Object, c)
}

// appRoutes: the routes of the app a value is.
func (r *resolver) appRoutes(sf *jscode.SourceFacts, ref jscode.ValueRef, c *ctx) *Routes {
	h := r.handler(sf, ref, &ctx{depth: c.depth, seen: c.seen})
	if h.Kind == HandlerApp {
		return h.Routes
	}
	return nil
}

// routerRoutes flattens a router with its sub-routers.
func (r *resolver) routerRoutes(sf *jscode.SourceFacts, idx int, hops int) *Routes {
	if idx <= 0 || idx > len(sf.Routers) {
		return &Routes{Why: "a router wranglint cannot follow"}
	}
	rf := &sf.Routers[idx-1]
	out := &Routes{Routes: append([]jscode.Route(nil), rf.Routes...), CatchAll: rf.CatchAll, Known: rf.Open == "", Why: rf.Open}
	for _, m := range rf.Mounts {
		var sub *Routes
		switch {
		case hops > 8:
			sub = &Routes{Why: "sub-routers nested too deep"}
		case m.Router != 0:
			sub = r.routerRoutes(sf, m.Router, hops+1)
		default:
			sub = r.importedRouter(sf, m.Module, m.Name, hops)
		}
		out.merge(m.Path, sub)
	}
	return out
}

// importedRouter follows a sub-router imported from another module.
func (r *resolver) importedRouter(sf *jscode.SourceFacts, module, name string, hops int) *Routes {
	target := r.p.ResolveModule(sf.File.Path, module)
	if target == "" {
		return &Routes{Why: "a sub-app imported from " + module + ", which wranglint does not follow"}
	}
	s2, ref, ok := r.export(target, name, 0)
	if !ok {
		return &Routes{Why: "a sub-app (" + name + " of " + module + ") wranglint cannot follow"}
	}
	v := s2.Entry.Value(ref)
	if v == nil || v.Kind != jscode.ValueApp {
		return &Routes{Why: "a sub-app (" + name + " of " + module + ") that is not a router wranglint reads"}
	}
	return r.routerRoutes(s2, v.Router, hops+1)
}

// merge adds a sub-router's routes under a path.
func (out *Routes) merge(prefix string, sub *Routes) {
	for _, rt := range sub.Routes {
		rt.Path = joinRoutePath(prefix, rt.Path)
		out.Routes = append(out.Routes, rt)
	}
	if sub.CatchAll {
		out.Routes = append(out.Routes, jscode.Route{Method: "ALL", Path: joinRoutePath(prefix, "*")})
	}
	if !sub.Known && out.Known {
		out.Known, out.Why = false, sub.Why
	}
}

func joinRoutePath(prefix, p string) string {
	prefix = strings.TrimSuffix(prefix, "/")
	if p == "" || p == "/" {
		if prefix == "" {
			return "/"
		}
		return prefix
	}
	if p == "*" {
		return prefix + "/*"
	}
	return prefix + "/" + strings.TrimPrefix(p, "/")
}

// MemberNames lists a handler's members, sorted, for messages.
func (h *Handler) MemberNames() []string {
	var out []string
	for name, m := range h.Members {
		if !m.Static {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// CronDispatchOf finds the cron dispatch a handler's scheduled() runs:
// its own, or the one of the function or handler it hands the event to
// (`return handleScheduled(controller, env)`, `scheduled: (c, env, ctx)
// => handler.scheduled(c, env, ctx)`). pure is false when the way there
// may do other work for every cron (a call among others).
func (ix *EntryIndex) CronDispatchOf(h *Handler) (sf *jscode.SourceFacts, d *jscode.CronDispatch, pure bool) {
	m, ok := h.Member("scheduled")
	if !ok {
		return nil, nil, false
	}
	r := &resolver{p: ix.p}
	fsf, fn := m.File, m.Func
	if fn == nil {
		fsf, fn = r.function(m.File, m.Value, &ctx{})
	}
	pure = true
	for hops := 0; fn != nil && hops < 4; hops++ {
		if fn.Cron != 0 {
			return fsf, &fsf.CronDispatches[fn.Cron-1], pure
		}
		next, nextFn, nextPure := r.handOff(fsf, fn)
		fsf, fn, pure = next, nextFn, pure && nextPure
	}
	return nil, nil, false
}

// handOff follows a scheduled function to the one it hands the event to.
func (r *resolver) handOff(sf *jscode.SourceFacts, fn *jscode.FuncFact) (*jscode.SourceFacts, *jscode.FuncFact, bool) {
	if len(fn.Returns) == 1 {
		if rv := sf.Entry.Value(fn.Returns[0]); rv != nil && rv.Kind == jscode.ValueCall {
			if s2, f2 := r.function(sf, rv.CalleeValue, &ctx{}); f2 != nil {
				return s2, f2, true
			}
			if callee := sf.Entry.Value(rv.CalleeValue); callee != nil && callee.Kind == jscode.ValueMember {
				if s2, f2 := r.memberFunc(sf, callee.Object, callee.Prop); f2 != nil {
					return s2, f2, true
				}
			}
		}
	}
	var found []jscode.Delegate
	for _, d := range fn.Delegates {
		if d.Method == "scheduled" {
			found = append(found, d)
		}
	}
	if len(found) == 1 {
		if s2, f2 := r.memberFunc(sf, found[0].Object, "scheduled"); f2 != nil {
			return s2, f2, false
		}
	}
	return nil, nil, false
}

// memberFunc finds the function a member of a value is.
func (r *resolver) memberFunc(sf *jscode.SourceFacts, obj jscode.ValueRef, name string) (*jscode.SourceFacts, *jscode.FuncFact) {
	h := r.handler(sf, obj, &ctx{})
	m, ok := h.Member(name)
	if !ok {
		return nil, nil
	}
	if m.Func != nil {
		return m.File, m.Func
	}
	return r.function(m.File, m.Value, &ctx{})
}
