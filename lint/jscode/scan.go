package jscode

import (
	"bytes"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/tdewolff/parse/v2/js"
	"github.com/wranglint/wranglint/lint/source"
)

// RefKind says how a client reference builds its URL.
type RefKind int

const (
	// RefAgentClient: useAgent, AgentClient, agentFetch; the namespace is
	// kebab(agent) in current SDKs.
	RefAgentClient RefKind = iota
	// RefPartySocket: usePartySocket, PartySocket; the party is verbatim.
	RefPartySocket
	// RefLiteralURL: a hand-written URL or path, verbatim.
	RefLiteralURL
)

// ClientRef is one place in the code that names a Worker URL namespace.
type ClientRef struct {
	Kind   RefKind
	Via    string      // "useAgent", "new PartySocket", "URL literal", ...
	Span   source.Span // the literal that decides the namespace
	Value  string      // the option's value (agent or party), or the URL text
	Prefix string      // the prefix option, when the client sets one
	Host   string      // a literal host, when known
	// Segs are the URL path segments of a literal URL ("" marks a part
	// filled in at run time); empty for option-based clients.
	Segs []string
	// SegSpans are, per segment, the literal it is written in (invalid
	// where it is filled at run time or spans several literals).
	SegSpans []source.Span
	// Direct: the namespace literal is written in the call (or is the URL
	// literal itself), not in a const that other code may also use.
	Direct bool
	// Transformed: the value passed through a string method or was
	// composed of several literals, so no single literal edit sets it.
	Transformed bool
	// Wrapper names the project function the value went through, if any.
	Wrapper string
	// Option is the option (or "argument N") of the call that holds the
	// name, for advice; Convention is how a declared project client
	// (.wranglint.jsonc) turns it into a namespace ("" for the SDK's).
	Option     string
	Convention string
	// Site is the call that sends the value (the client call, fetch(), or
	// the wrapper's call) when it is not where the value is written.
	Site source.Span
}

// RouteCall is a routeAgentRequest or routePartykitRequest call.
type RouteCall struct {
	Func      string
	Span      source.Span // the callee's name; invalid when it could not be placed
	Prefix    string      // the prefix option when it is a literal
	HasPrefix bool
	// PrefixValue is the prefix option when it is an imported constant.
	PrefixValue *Value
	// PrefixRaw is a literal prefix as written (Prefix is trimmed of
	// slashes); PrefixSpan is that literal, quotes included, when it is
	// one string written at the call.
	PrefixRaw  string
	PrefixSpan source.Span
	// Unawaited: the call's Promise is itself the operand of || or ?? or a
	// condition, so it is always truthy. Stored names the const that holds
	// the Promise when that const is what is tested.
	Unawaited string // "||", "??", "condition" or ""
	Stored    string
}

// StubFetch is `<stub>.fetch(...)` on a Durable Object stub the code got
// from env.<Binding>.get(id) (directly, or through a const).
type StubFetch struct {
	Binding string
	// Path is the request's path when the fetch's first argument is a
	// literal URL or path ("" otherwise).
	Path   string      `json:",omitempty"`
	IDKind string      // "idFromName", "idFromString", "newUniqueId", "getByName" or "" (unknown)
	Span   source.Span // the word fetch
	// GetterModule and GetterName name an imported function that returned
	// the stub, given the binding as argument GetterArg: the id kind is the
	// getter's (its module's StubGetters), and no stub when it is none.
	GetterModule, GetterName string
	GetterArg                int
}

// McpServe is `<Class>.serve(...)`, `.serveSSE(...)` or `.mount(...)`.
type McpServe struct {
	Class, Method string
	Binding       string // the binding option when it is a literal
	HasBinding    bool
	Span          source.Span
}

// ExportFact is a name a module exports itself (not re-exports).
type ExportFact struct {
	Name string
	Span source.Span
}

// ClassFact is a class declaration and what it extends.
type ClassFact struct {
	Name          string
	Span          source.Span // the class's name (may be invalid)
	Exported      bool        // declared with export (export class X / export default class X)
	KeywordAt     int         // where `class` (or `abstract class`) starts, -1 when unknown
	Extends       string      // the local name of the base class, "" if none
	ExtendsModule string      // the module the base class is imported from, "" if local
	ExtendsName   string      // the base class's name in that module
	// Fetch: "" when the class declares no fetch method, "super" when
	// its fetch calls super.fetch, "own" when it replaces the inherited one.
	Fetch string
	// FetchRoutes are the literal paths a "super" fetch answers itself
	// (a pathname test before the fallback to super.fetch).
	FetchRoutes []Route
	// FetchOpen: that fetch also tests paths in ways not read (a regular
	// expression, a computed comparison).
	FetchOpen bool
}

// EnvUse is one place the code names a binding on an env object:
// env.X, this.env.X, c.env["X"], or const { X } = env.
type EnvUse struct {
	Name string
	Span source.Span // the name as written (for env["X"], the string literal)
	// Shorthand: `{ X }` destructuring, where renaming must keep the
	// local name (`{ Y: X }`).
	Shorthand bool
	Quoted    bool // env["X"]
	// Guarded: the code tests the value before it uses it (env.X ?? d,
	// if (env.X), env.X?.get(), a const holding it tested): the binding
	// is optional to it.
	Guarded bool
	// Compared: the value is compared with a literal (env.FLAG === "on"),
	// which an absent var is not: the read cannot throw, but a flag that
	// is never set is always off.
	Compared bool
	// Handoff: the read is passed whole to a function of the project (an
	// argument, or a key of an object argument); a function that tests
	// that parameter makes the read guarded (see handoff.go).
	Handoff Handoff
}

// SourceFacts is what the scan of one JS/TS file found.
type SourceFacts struct {
	File *source.File
	// Imports are the module specifiers the file names (see ImportRecord).
	Imports     []ImportRecord
	Refs        []*ClientRef
	RouteCalls  []*RouteCall
	Exports     []ExportFact
	StarExports []string // the specifiers of `export * from "..."`
	Classes     []ClassFact
	EnvUses     []EnvUse
	StubFetches []StubFetch
	// StubGetters are the exported functions that return a stub of a
	// namespace they are given (stubgetters.go).
	StubGetters map[string]StubGetter
	McpServes   []McpServe
	// EnvUsesExact is false when some env use could not be placed in the
	// original text, so a rename through them would be incomplete.
	EnvUsesExact bool
	Syntax       *source.SyntaxError
	// InsertAt is where a new import or re-export line goes: after the line
	// of the last top-level import or re-export (0 when there is none);
	// source.Quote and Semi are that line's quote character and semicolon use.
	InsertAt int
	Quote    byte
	Semi     bool
	// Values behind one level of indirection, resolved by the project:
	// Templates wait for imported constants; Wrappers are exported
	// functions passing a parameter into a client; Calls are calls of
	// project functions with known arguments.
	Templates []Template
	Wrappers  []Wrapper
	Calls     []Call
	// OpaqueCalls are calls of imported project functions whose arguments
	// hold nothing known (no Args): when the callee is a wrapper, a client
	// call that cannot be judged.
	OpaqueCalls []Call
	// ExportedValues are the string values of exported consts;
	// ReExports are `export { X } from "./m"`.
	ExportedValues map[string][]Value
	// TestedParams are, for each exported function, the parameters it
	// tests before it uses them (see handoff.go).
	TestedParams map[string][]ParamRef
	// Helpers are the return values of exported functions that build a
	// string (a URL) from their parameters, by exported name.
	Helpers   map[string][]Value
	ReExports []ReExport
	// Skipped are client calls whose target is known only at run time.
	Skipped []Skip
	// ConfigPaths are the strings of `configPath` options (a vitest
	// config naming the wrangler config its tests run against).
	ConfigPaths []string
	// TextRegions are where the parse shows text (strings, JSX text) that
	// holds "wranglint-": no suppression comment starts there.
	TextRegions []TextRange
	// ClassMembers are the members of the module's class declarations and
	// the properties it assigns on classes; ThisCalls are `this.m()` calls
	// in class bodies, and calls of Agent-only methods on any receiver
	// (Class "": see classmembers.go).
	ClassMembers []ClassMember
	ThisCalls    []ThisCall
	// RoutePatterns are the paths the file's own router serves: the path
	// of app.get("/a/:id", ...) and its kin (route and mount end in "/*"),
	// compared with url.pathname, or given to pathname.startsWith (ending
	// in "/*").
	RoutePatterns []string
	// Entry, Routers, CronDispatches and BindingCalls describe what the
	// module's exports serve (entry.go, router.go, bindcalls.go).
	Entry          EntryFacts
	Routers        []RouterFact
	CronDispatches []CronDispatch
	BindingCalls   []BindingCall
	// Runtime APIs (runtime.go): process.env reads and whether the code
	// writes process.env itself; import.meta.env members (build-time, not
	// bindings, though EnvUses lists them); ctx.exports uses; global
	// fetch() of URLs with a literal host; literals naming a workers.dev host.
	ProcessEnvReads   []ProcessEnvRead
	ProcessEnvWritten bool
	MetaEnvReads      []source.Span
	CtxExports        []source.Span
	// CtxExportsTested: the module tests ctx.exports (ctx.exports?.X,
	// if (ctx.exports)) before it relies on it: code written for dates
	// both before and after ctx.exports exists.
	CtxExportsTested bool
	FetchURLs        []HostURL
	WorkersDevURLs   []HostURL
}

// scanKeywords: a file that mentions none of these cannot hold a fact the
// scan looks for, so it is neither transformed nor parsed. They come from
// the scanner's own tables, so that a client it judges is never filtered
// out: each SDK client and module, each routing function, each call that
// takes a URL (fetch, WebSocket, EventSource, URL, Request), "://" for an
// absolute URL written anywhere, "pathname" for a path assigned to a URL
// object, and configPath (vitest's config). A bare
// path is judged only where such a call (or a wrapper, helper or declared
// client, whose callers the project scans by name) uses it, so the
// prefixes Workers serve add no file to these.
var scanKeywords = func() [][]byte {
	words := []string{"://", "configPath", "/parties/", "pathname"}
	for key := range clientAPIs {
		mod, name, _ := strings.Cut(key, "#")
		words = append(words, mod)
		if name != "default" {
			words = append(words, name)
		}
	}
	for name, mods := range routeAPIs {
		words = append(append(words, name), mods...)
	}
	for name := range urlCallees {
		words = append(words, name)
	}
	slices.Sort(words)
	words = slices.Compact(words)
	out := make([][]byte, len(words))
	for i, w := range words {
		out[i] = []byte(w)
	}
	return out
}()

// NeedsScan reports whether a file's text can contain client references,
// URLs or routing.
func NeedsScan(data []byte) bool {
	for _, k := range scanKeywords {
		if bytes.Contains(data, k) {
			return true
		}
	}
	return false
}

// declarationFile: a TypeScript declaration file (.d.ts, .d.mts, .d.cts)
// holds types only, nothing that runs: no fact is in it.
func declarationFile(path string) bool {
	base := strings.ToLower(filepath.Base(path))
	return strings.HasSuffix(base, ".d.ts") || strings.HasSuffix(base, ".d.mts") || strings.HasSuffix(base, ".d.cts")
}

// ScanSource parses f and collects its client references, routing calls,
// exports and classes.
func ScanSource(f *source.File) *SourceFacts {
	facts := &SourceFacts{File: f, EnvUsesExact: true}
	if declarationFile(f.Path) {
		return facts // types only: generated ones are large, and hold nothing that runs
	}
	if kind := componentKind(f.Path); kind != "" {
		return scanComponent(f, kind)
	}
	doc, se := parseJS(f)
	if se != nil {
		facts.Syntax = se
		return facts
	}
	if doc == nil {
		// esbuild accepted the file but the tree parser does not know some
		// syntax: say so (--verbose) rather than lose its facts silently
		facts.Skipped = append(facts.Skipped, Skip{Via: "the whole file", Span: source.Span{File: f, Start: 0, End: min(1, len(f.Data))},
			Reason: "its syntax is beyond wranglint's JavaScript parser, so nothing in it is checked"})
		return facts
	}
	return scanDoc(f, doc)
}

// scanDoc collects the facts of a parsed file (or of one module of a
// component file).
func scanDoc(f *source.File, doc *jsDoc) *SourceFacts {
	facts := &SourceFacts{File: f, EnvUsesExact: true}
	s := &scanner{doc: doc, facts: facts, imports: map[string]importBinding{}, consts: map[*js.Var]js.IExpr{},
		unawaited: map[*js.CallExpr]string{}, storedCalls: map[*js.Var]*js.CallExpr{}, routeCalls: map[*js.CallExpr]*RouteCall{}, stubs: map[*js.Var]StubFetch{}, ids: map[*js.Var]string{}, placed: map[*js.Var]bool{}, envAliases: map[*js.Var]string{}, envReadVars: map[*js.Var][]int{}, testedParams: map[js.INode][]ParamRef{}, stateInits: map[*js.Var]js.IExpr{}, destructs: map[*js.Var]destructInfo{}, keyVars: map[*js.Var]js.IExpr{},
		params: map[*js.Var]paramInfo{}, fnNames: map[js.INode]string{}, funcVars: map[*js.Var]string{},
		wrappers: map[string][]Template{}, exportNames: map[string][]string{}, seenRefs: map[refKey]bool{},
		exportedConsts: map[string]string{}, topConsts: map[string]js.IExpr{},
		funcNodes: map[*js.Var]js.INode{}, topFuncs: map[string]js.INode{}}
	s.collectTop()
	js.Walk(s, doc.ast)
	s.finish()
	return facts
}

type importBinding struct {
	module, name string // name "*" for a namespace import, "default" for default
}

type scanner struct {
	doc     *jsDoc
	facts   *SourceFacts
	imports map[string]importBinding
	consts  map[*js.Var]js.IExpr
	stack   []js.INode
	// unawaited marks calls whose Promise is used as a truth value.
	unawaited map[*js.CallExpr]string
	// storedCalls are the calls a const holds (const r = f()), and
	// routeCalls the routing calls found, so a later test of the const
	// (if (r)) marks the call.
	storedCalls map[*js.Var]*js.CallExpr
	routeCalls  map[*js.CallExpr]*RouteCall
	// stubs and ids remember `const stub = env.X.get(id)` and
	// `const id = env.X.idFromName(...)`.
	stubs map[*js.Var]StubFetch
	// propClients are calls of parameters named as SDK clients
	// (lazyclients.go).
	propClients []propClient
	ids         map[*js.Var]string
	// placed marks Vars whose bytes already placed a use (see useSite).
	placed map[*js.Var]bool
	// envAliases maps variables destructured from env to their binding.
	envAliases map[*js.Var]string
	// envReadVars: the env reads (indexes into EnvUses) each variable holds.
	envReadVars map[*js.Var][]int
	// testedParams: the parameters each function tests; localHandoffs:
	// the env reads passed to a function of this module.
	testedParams  map[js.INode][]ParamRef
	localHandoffs []localHandoff
	paramHandoffs []paramHandoff
	// stateInits: the initial value of each React state variable.
	stateInits map[*js.Var]js.IExpr
	// destructs are consts taken from an object with a default.
	destructs map[*js.Var]destructInfo
	// keyVars: callback parameters that take an object's keys (keys.go)
	keyVars map[*js.Var]js.IExpr
	// params, frames, fnNames and funcVars place parameters in their
	// functions and name functions, for wrappers; wrappers and localCalls
	// are matched when the walk ends.
	params      map[*js.Var]paramInfo
	frames      []frame
	fnNames     map[js.INode]string
	funcVars    map[*js.Var]string
	wrappers    map[string][]Template
	localCalls  []Call
	exportNames map[string][]string // local name -> exported names
	// exportedConsts maps an exported name to the local const behind it.
	exportedConsts map[string]string
	topConsts      map[string]js.IExpr // module-level consts by name
	topInits       map[string]js.IExpr // module-level const initialisers, read before the walk
	seenRefs       map[refKey]bool
	// funcNodes are the functions names are bound to (helpers), topFuncs
	// the module-level ones by name; inline is the helper being evaluated;
	// followCalls is set while evaluating a URL or a client's options,
	// where calls of imported functions are followed.
	funcNodes   map[*js.Var]js.INode
	topFuncs    map[string]js.INode
	inline      *inlineFrame
	followCalls bool
	ct          *contractState // entry, router and binding-call facts (contracts_scan.go)
}

// hoistConsts knows the module's top-level consts before the walk: a
// function declared above one runs after the module loaded, so
// `function Chat() { useAgent({ agent: AGENT }) }` above `const AGENT =
// "chat"` reads it.
func (s *scanner) hoistConsts() {
	eachTopConst(s.doc.ast.List, func(v *js.Var, init js.IExpr) { s.consts[v] = init })
}

// collectTop reads imports, exports and classes of the module body.
func (s *scanner) collectTop() {
	s.topInits = topLevelInits(s.doc.ast.List)
	s.hoistConsts()
	s.topFunctions()
	for _, st := range s.doc.ast.List {
		switch t := st.(type) {
		case *js.ImportStmt:
			s.noteModuleLine(t.Module)
			s.addImport(t.Module, ImportStatic)
			mod := unquoteJS(t.Module)
			var names []string
			if t.Default != nil {
				s.imports[string(t.Default)] = importBinding{mod, "default"}
				names = append(names, "default")
			}
			for _, a := range t.List {
				// tdewolff: `{ a as b }` is Name a, Binding b; `{ a }` is Binding a.
				name, local := string(a.Name), string(a.Binding)
				if name == "" {
					name = local
				}
				s.imports[local] = importBinding{mod, name}
				names = append(names, name)
			}
			if n := len(s.facts.Imports); n > 0 && s.facts.Imports[n-1].Spec == mod {
				s.facts.Imports[n-1].Names = names
			}
		case *js.ExportStmt:
			s.noteModuleLine(t.Module)
			s.collectExport(t)
		case *js.ClassDecl:
			s.collectClass(t, false)
		case *js.FuncDecl:
			s.nameFuncDecl(t)
		}
	}
}

// topFunctions registers the module-level consts bound to functions
// (`const agentUrl = (id) => ...`), which code above them may call.
func (s *scanner) topFunctions() {
	eachTopConst(s.doc.ast.List, func(v *js.Var, init js.IExpr) {
		switch fn := init.(type) {
		case *js.ArrowFunc, *js.FuncDecl:
			s.registerFunc(v, fn)
			s.topFuncs[string(v.Data)] = fn
		}
	})
}

// eachTopConst calls f for each module-level `const name = init`
// (exported or not).
func eachTopConst(list []js.IStmt, f func(v *js.Var, init js.IExpr)) {
	for _, st := range list {
		d, ok := st.(*js.VarDecl)
		if e, isExport := st.(*js.ExportStmt); isExport {
			d, ok = e.Decl.(*js.VarDecl)
		}
		if !ok || d.TokenType != js.ConstToken {
			continue
		}
		for _, el := range d.List {
			if v, isVar := el.Binding.(*js.Var); isVar && el.Default != nil {
				f(v, el.Default)
			}
		}
	}
}

// nameFuncDecl names a module-level function declaration for wrapper
// and helper calls.
func (s *scanner) nameFuncDecl(d *js.FuncDecl) {
	if d.Name != nil {
		s.fnNames[d] = string(d.Name.Data)
		s.funcVars[d.Name] = string(d.Name.Data)
		s.registerFunc(d.Name, d)
		s.topFuncs[string(d.Name.Data)] = d
	}
}

// exportAs records that the local name is exported as exported.
func (s *scanner) exportAs(local, exported string) {
	s.exportNames[local] = append(s.exportNames[local], exported)
}

// isStarExport: `export * from "m"` (tdewolff: one alias that is "*"
// alone; `export * as ns` names ns and exports only that).
func isStarExport(t *js.ExportStmt) bool {
	if len(t.List) != 1 || t.Default {
		return false
	}
	a := t.List[0]
	return string(a.Name) == "*" && len(a.Binding) == 0 || string(a.Binding) == "*" && len(a.Name) == 0
}

// noteModuleLine remembers the line of a module specifier as the place
// after which new module lines go, with its quoting and semicolon style.
func (s *scanner) noteModuleLine(spec []byte) {
	if spec == nil {
		return
	}
	span, ok := s.doc.literalSpan(spec)
	if !ok {
		return
	}
	data := s.doc.file.Data
	end := span.End
	for end < len(data) && data[end] != '\n' {
		end++
	}
	if end < len(data) {
		end++
	}
	s.facts.InsertAt, s.facts.Quote = end, data[span.Start]
	s.facts.Semi = strings.HasSuffix(strings.TrimRight(string(data[span.End:end]), " \t\r\n"), ";")
}

func (s *scanner) collectExport(t *js.ExportStmt) {
	if t.Module != nil {
		mod := unquoteJS(t.Module)
		if isStarExport(t) {
			s.addImport(t.Module, ImportStar)
			s.facts.StarExports = append(s.facts.StarExports, mod)
			return
		}
		s.addImport(t.Module, ImportReExport)
		for _, a := range t.List {
			name, as := string(a.Name), string(a.Binding)
			if name == "" {
				name = as
			}
			if as == "" {
				as = name
			}
			s.facts.ReExports = append(s.facts.ReExports, ReExport{As: as, Module: mod, Name: name})
		}
		return // esbuild's graph follows these for main's exports
	}
	switch d := t.Decl.(type) {
	case *js.ClassDecl:
		s.collectClass(d, true)
		if d.Name != nil {
			name := string(d.Name.Data)
			if t.Default {
				name = "default"
			}
			s.addExport(name, d.Name.Data)
		} else if t.Default {
			s.addExport("default", nil)
		}
	case *js.FuncDecl:
		s.nameFuncDecl(d)
		if d.Name != nil {
			name := string(d.Name.Data)
			if t.Default {
				s.exportAs(name, "default")
				s.addExport("default", d.Name.Data) // the module exports "default", not the function's name
			} else {
				s.exportAs(name, name)
				s.addExport(name, d.Name.Data)
			}
		} else if t.Default {
			s.addExport("default", nil)
		}
	case *js.VarDecl:
		for _, el := range d.List {
			if v, ok := el.Binding.(*js.Var); ok {
				s.exportAs(string(v.Data), string(v.Data))
				if d.TokenType == js.ConstToken {
					s.exportedConsts[string(v.Data)] = string(v.Data)
				}
				s.addExport(string(v.Data), v.Data)
			} else {
				for _, v := range bindingVars(el.Binding, nil) { // export const { a, b } = …
					s.addExport(string(v.Data), v.Data)
				}
			}
		}
	default:
		if t.Default { // export default <expression>
			s.addExport("default", nil)
		}
	}
	for _, a := range t.List {
		exported, tok := string(a.Binding), a.Binding
		if exported == "" {
			exported, tok = string(a.Name), a.Name
		}
		local := string(a.Name)
		if local == "" {
			local = exported
		}
		s.exportAs(local, exported)
		s.exportedConsts[exported] = local
		s.addExport(exported, tok)
	}
}

// bindingVars lists the names a destructuring pattern declares.
func bindingVars(b js.IBinding, out []*js.Var) []*js.Var {
	switch t := b.(type) {
	case *js.Var:
		out = append(out, t)
	case *js.BindingArray:
		for _, el := range t.List {
			out = bindingVars(el.Binding, out)
		}
		out = bindingVars(t.Rest, out)
	case *js.BindingObject:
		for _, item := range t.List {
			out = bindingVars(item.Value.Binding, out)
		}
		if t.Rest != nil {
			out = append(out, t.Rest)
		}
	}
	return out
}

func (s *scanner) addExport(name string, tok []byte) {
	span := source.Span{File: s.doc.file}
	if g, ok := s.doc.genOffset(tok); ok {
		if o, ok := s.doc.origOffset(g); ok {
			span.Start, span.End = o, o+len(tok)
		}
	}
	s.facts.Exports = append(s.facts.Exports, ExportFact{Name: name, Span: span})
}

func (s *scanner) collectClass(d *js.ClassDecl, exported bool) {
	if d.Name == nil {
		return
	}
	c := ClassFact{Name: string(d.Name.Data), Exported: exported, KeywordAt: -1, Fetch: fetchOverride(d)}
	if c.Fetch == "super" {
		c.FetchRoutes, c.FetchOpen = s.fetchMethodRoutes(d)
	}
	if span, ok := s.placeToken(d.Name.Data); ok {
		c.Span = span
		c.KeywordAt = classKeyword(s.doc.file.Data, span.Start)
	}
	if v := extendedVar(d.Extends); v != nil {
		if init := s.topInits[string(v.Data)]; init != nil {
			if inner := extendedVar(init); inner != nil {
				v = inner // const Base = extend(AIChatAgent).with(...); class Chat extends Base
			}
		}
		c.Extends = string(v.Data)
		if ib, ok := s.imports[c.Extends]; ok {
			c.ExtendsModule, c.ExtendsName = ib.module, ib.name
		}
	}
	s.facts.Classes = append(s.facts.Classes, c)
	s.collectMembers(d)
}

func (s *scanner) Enter(n js.INode) js.IVisitor {
	s.memberFacts(n)
	s.contractEnter(n)
	s.runtimeFacts(n)
	switch t := n.(type) {
	case *js.BinaryExpr:
		if t.Op == js.OrToken || t.Op == js.NullishToken {
			if c, ok := t.X.(*js.CallExpr); ok {
				s.unawaited[c] = t.Op.String()
			}
			s.testStored(t.X, t.Op.String())
		}
		s.pathnameCompare(t)
		if t.Op == js.EqToken {
			s.pathnameAssign(t)
		}
	case *js.SwitchStmt:
		s.pathnameSwitch(t)
	case *js.ForOfStmt:
		s.keyLoop(t)
	case *js.IfStmt:
		s.markCondition(t.Cond)
	case *js.CondExpr:
		s.markCondition(t.Cond)
	case *js.UnaryExpr:
		if t.Op == js.NotToken {
			s.markCondition(t.X)
		}
	case *js.CallExpr:
		s.keyCallback(t)
		s.callImport(t)
		s.stubCall(t)
		s.routerPath(t)
		s.pathnameStartsWith(t)
		s.call(t.X, t.Args.List, false, t)
	case *js.NewExpr:
		if t.Args != nil {
			s.call(t.X, t.Args.List, true, nil)
		}
	case *js.DotExpr:
		if v, ok := t.X.(*js.Var); ok {
			s.noteParamTest(v, t, propertyName(t.Y))
		}
		if isEnvObject(t.X) {
			if s.envUse(propertyName(t.Y), propertyToken(t.Y), false, false) {
				s.noteEnvRead(t)
			}
		}
	case *js.IndexExpr:
		if lit, ok := t.Y.(*js.LiteralExpr); ok && lit.TokenType == js.StringToken && isEnvObject(t.X) {
			if s.envUse(unquoteJS(lit.Data), lit.Data, false, true) {
				s.noteEnvRead(t)
			}
		}
	case *js.BindingElement:
		if obj, ok := t.Binding.(*js.BindingObject); ok && isEnvObject(t.Default) {
			s.envDestructure(obj)
		}
	case *js.VarDecl:
		s.storeCalls(t)
		s.collectConsts(t)
		s.nameFunctions(t)
		s.collectStubs(t)
		s.dynamicImports(t)
	case *js.FuncDecl:
		if t.Name != nil && s.funcNodes[t.Name] == nil {
			s.registerFunc(t.Name, t) // a nested declaration
		}
		s.enterFunc(t, t.Params)
	case *js.ArrowFunc:
		s.enterFunc(t, t.Params)
	case *js.MethodDecl:
		s.enterFunc(t, t.Params)
	case *js.ObjectExpr:
		s.configPaths(t)
	case *js.Var:
		s.guardVar(t)
		s.noteParamTest(t, t, "")
	case *js.LiteralExpr:
		if t.TokenType == js.StringToken {
			s.noteTextRegion(t.Data)
			s.literalURL(t)
		}
	case *js.TemplateExpr:
		for _, part := range t.List {
			s.noteTextRegion(part.Value)
		}
		s.noteTextRegion(t.Tail)
		if t.Tag == nil {
			s.literalURL(t)
		}
	}
	s.stack = append(s.stack, n)
	return s
}

func (s *scanner) Exit(n js.INode) {
	s.stack = s.stack[:len(s.stack)-1]
	s.exitFunc(n)
}

// collectConsts remembers every const's initialiser: values, options
// objects and functions are all read through consts.
func (s *scanner) collectConsts(d *js.VarDecl) {
	if d.TokenType != js.ConstToken {
		return
	}
	for _, el := range d.List {
		if v, ok := el.Binding.(*js.Var); ok && el.Default != nil {
			s.consts[v] = el.Default
			if len(s.frames) == 0 {
				s.topConsts[string(v.Data)] = el.Default
			}
		}
		if arr, ok := el.Binding.(*js.BindingArray); ok && len(arr.List) > 0 {
			if v, ok := arr.List[0].Binding.(*js.Var); ok {
				if init := s.stateInitOf(el.Default); init != nil {
					s.stateInits[v] = init // const [agent, setAgent] = useState("chat")
				}
			}
		}
		if obj, ok := el.Binding.(*js.BindingObject); ok && el.Default != nil {
			for _, item := range obj.List {
				if v, key, ok := bindingItem(item); ok && item.Value.Default != nil {
					s.destructs[v] = destructInfo{src: el.Default, def: item.Value.Default, key: key}
				}
			}
		}
	}
}

// configPaths records `configPath: "..."` (vitest-pool-workers' option
// naming the wrangler config its tests run against).
func (s *scanner) configPaths(o *js.ObjectExpr) {
	for _, p := range o.List {
		if p.Name == nil || p.Name.Computed != nil || unquoteJS(p.Name.Literal.Data) != "configPath" {
			continue
		}
		if str, ok := configPathValue(p.Value); ok {
			s.facts.ConfigPaths = append(s.facts.ConfigPaths, str)
		}
	}
}

// finish resolves what needs the whole module: local wrapper calls, and
// the values of exported consts for other modules.
func (s *scanner) finish() {
	s.finishHandoffs()
	s.finishPropClients()
	s.finishWrappers()
	s.exportedHelpers()
	s.exportedGetters()
	s.contractFinish()
	for exported, local := range s.exportedConsts {
		init := s.topConsts[local]
		if init == nil {
			continue
		}
		s.exportValue(exported, s.eval(init, 1))
		if o := newOptions(); s.collectOptions(init, 1, false, o) && len(o.spreads) == 0 {
			for key, vs := range o.vals {
				s.exportValue(exported+"."+key, vs) // NAMES.chat of `export const NAMES = { chat: "Chats" }`
			}
		}
	}
}

// exportValue records what an exported const (or a key of an exported
// const object) stands for, unless it is only a hole.
func (s *scanner) exportValue(name string, vs []Value) {
	if len(vs) == 0 || len(vs) == 1 && vs[0].Has(PieceHole) && len(vs[0].Pieces) == 1 {
		return
	}
	if s.facts.ExportedValues == nil {
		s.facts.ExportedValues = map[string][]Value{}
	}
	out := make([]Value, len(vs))
	for i := range vs {
		out[i] = indirect(vs[i])
	}
	s.facts.ExportedValues[name] = out
}

// isEnvObject: `env`, or any `<x>.env` (this.env, c.env in Hono, ctx.env).
func isEnvObject(x js.IExpr) bool {
	switch t := x.(type) {
	case *js.Var:
		return string(t.Data) == "env"
	case *js.DotExpr:
		return propertyName(t.Y) == "env"
	}
	return false
}

func propertyToken(y js.IExpr) []byte {
	switch t := y.(type) {
	case js.LiteralExpr:
		return t.Data
	case *js.LiteralExpr:
		return t.Data
	}
	return nil
}

// envDestructure records `{ X, Y: y }` taken from an env object. Whether
// a member is shorthand is read from the original text at its place (a key
// is followed by ":"): tdewolff's tree does not keep that reliably.
func (s *scanner) envDestructure(obj *js.BindingObject) {
	for _, item := range obj.List {
		v, isVar := item.Value.Binding.(*js.Var)
		var tok []byte
		quoted := false
		switch {
		case item.Key != nil && item.Key.Computed == nil && len(item.Key.Literal.Data) > 0:
			tok, quoted = item.Key.Literal.Data, item.Key.Literal.TokenType == js.StringToken
			if _, inSource := s.doc.genOffset(tok); !inSource && isVar {
				tok = v.Data
			}
		case item.Key == nil && isVar:
			tok = v.Data
		default:
			s.facts.EnvUsesExact = false
			continue
		}
		span, ok := s.placeToken(tok)
		if !ok {
			s.facts.EnvUsesExact = false
			continue
		}
		if d := s.doc.file.Data; !quoted && span.Start > 0 && span.End < len(d) && (d[span.Start-1] == '"' || d[span.Start-1] == '\'') && d[span.End] == d[span.Start-1] {
			span.Start, span.End, quoted = span.Start-1, span.End+1, true // tdewolff strips a key's quotes
		}
		short := !quoted && !followedByColon(s.doc.file.Data, span.End)
		name := unquoteJS([]byte(span.Text()))
		s.facts.EnvUses = append(s.facts.EnvUses, EnvUse{Name: name, Span: span, Shorthand: short, Quoted: quoted})
		if isVar {
			s.envAliases[v] = name
			s.envReadVars[v] = append(s.envReadVars[v], len(s.facts.EnvUses)-1)
		}
	}
}

func followedByColon(b []byte, off int) bool {
	for off < len(b) && (b[off] == ' ' || b[off] == '\t' || b[off] == '\n' || b[off] == '\r') {
		off++
	}
	return off < len(b) && b[off] == ':'
}

// envUse places one use in the original text; the name must stand there
// exactly, or the file's uses are marked inexact.
func (s *scanner) envUse(name string, tok []byte, shorthand, quoted bool) bool {
	if name == "" || tok == nil {
		return false
	}
	span, ok := s.placeToken(tok)
	if !ok {
		s.facts.EnvUsesExact = false
		return false
	}
	s.facts.EnvUses = append(s.facts.EnvUses, EnvUse{Name: name, Span: span, Shorthand: shorthand, Quoted: quoted})
	return true
}

// placeToken maps a generated token to the same text in the original.
func (s *scanner) placeToken(tok []byte) (source.Span, bool) {
	g, ok := s.doc.genOffset(tok)
	if !ok {
		return source.Span{}, false
	}
	o, ok := s.doc.origOffset(g)
	data := s.doc.file.Data
	if !ok || o+len(tok) > len(data) || string(data[o:o+len(tok)]) != string(tok) {
		return source.Span{}, false
	}
	return source.Span{File: s.doc.file, Start: o, End: o + len(tok)}, true
}

// propertyName is the name in a.<name>: tdewolff stores it as a literal
// (by value or pointer) or a variable.
func propertyName(y js.IExpr) string {
	switch t := y.(type) {
	case js.LiteralExpr:
		return string(t.Data)
	case *js.LiteralExpr:
		return string(t.Data)
	case *js.Var:
		return string(t.Data)
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// unquoteJS decodes a JavaScript string literal as esbuild prints it.
func unquoteJS(b []byte) string {
	s := string(b)
	if len(s) < 2 {
		return s
	}
	q := s[0]
	if q != '"' && q != '\'' && q != '`' {
		return s
	}
	body := s[1 : len(s)-1]
	if !strings.ContainsRune(body, '\\') {
		return body
	}
	if u, err := strconv.Unquote(`"` + strings.ReplaceAll(body, `"`, `\"`) + `"`); err == nil {
		return u
	}
	return body
}

// maxLinkHops bounds walks along tdewolff's variable links, which are not
// promised to be acyclic.
const maxLinkHops = 64

// markCondition notes a call used directly as a condition, or a const
// holding one.
func (s *scanner) markCondition(e js.IExpr) {
	if c, ok := e.(*js.CallExpr); ok {
		s.unawaited[c] = "condition"
	}
	s.testStored(e, "condition")
}

// storeCalls remembers the calls consts hold: const r = f().
func (s *scanner) storeCalls(d *js.VarDecl) {
	if d.TokenType != js.ConstToken {
		return
	}
	for _, el := range d.List {
		v, ok := el.Binding.(*js.Var)
		c, isCall := el.Default.(*js.CallExpr)
		if ok && isCall {
			s.storedCalls[s.declOf(v)] = c
		}
	}
}

// testStored marks the routing call a const holds when the const itself
// is tested: its value is the call's Promise, always truthy.
func (s *scanner) testStored(e js.IExpr, how string) {
	if g, ok := e.(*js.GroupExpr); ok {
		e = g.X
	}
	v, ok := e.(*js.Var)
	if !ok {
		return
	}
	if rc := s.routeCalls[s.storedCalls[s.declOf(v)]]; rc != nil && rc.Unawaited == "" {
		rc.Unawaited, rc.Stored = how, string(v.Data)
	}
}

// useSite places a variable's use in the original text. The parser keeps
// one Var per name and scope, whose bytes are those of its first use in
// that scope: exact for the usual one call per function. A second call
// of the same name in one scope shares those bytes and so has no place of
// its own (its span is invalid): a position is never guessed. A Var that is the
// declaration itself (a call at module level of an imported name) has no
// place of its own: the span is invalid and findings that need one are
// not placed there.
func (s *scanner) useSite(v *js.Var) source.Span {
	if v.Decl != js.NoDecl || s.placed[v] {
		return source.Span{}
	}
	s.placed[v] = true
	span, _ := s.placeToken(v.Data)
	return span
}

// collectStubs remembers `const stub = env.X.get(id)` and
// `const id = env.X.idFromName(...)`.
func (s *scanner) collectStubs(d *js.VarDecl) {
	for _, el := range d.List {
		v, ok := el.Binding.(*js.Var)
		if !ok || el.Default == nil {
			continue
		}
		if sf, ok := s.stubOf(el.Default); ok {
			s.stubs[v] = sf
		} else if kind := s.idKindOf(el.Default); kind != "" {
			s.ids[v] = kind
		}
	}
}

// stubOf recognises env.X.get(id) and env.X.getByName(name), awaited or
// not, and a call of a stub getter (stubgetters.go) given env.X.
func (s *scanner) stubOf(e js.IExpr) (StubFetch, bool) {
	c, ok := unwrapAwait(e).(*js.CallExpr)
	if !ok {
		return StubFetch{}, false
	}
	d, ok := c.X.(*js.DotExpr)
	if !ok {
		return s.getterCall(c)
	}
	binding := s.namespaceBinding(d.X)
	if binding == "" {
		return StubFetch{}, false
	}
	switch propertyName(d.Y) {
	case "get":
		kind := ""
		if len(c.Args.List) > 0 {
			kind = s.idKindOf(c.Args.List[0].Value)
		}
		return StubFetch{Binding: binding, IDKind: kind}, true
	case "getByName":
		return StubFetch{Binding: binding, IDKind: "getByName"}, true
	}
	return StubFetch{}, false
}

// namespaceBinding names the binding a namespace expression reads:
// env.X, or a variable destructured from env (`const { X: ns } = env`).
func (s *scanner) namespaceBinding(x js.IExpr) string {
	switch t := x.(type) {
	case *js.DotExpr:
		if isEnvObject(t.X) {
			return propertyName(t.Y)
		}
	case *js.Var:
		decl := s.declOf(t)
		if b := s.envAliases[decl]; b != "" {
			return b
		}
		if init, ok := s.consts[decl].(*js.DotExpr); ok && isEnvObject(init.X) {
			return propertyName(init.Y) // const ns = env.Chat
		}
	}
	return ""
}

// idKindOf recognises env.X.idFromName(...) and friends, directly or
// through a const.
func (s *scanner) idKindOf(e js.IExpr) string {
	switch t := e.(type) {
	case *js.CallExpr:
		if d, ok := t.X.(*js.DotExpr); ok {
			switch m := propertyName(d.Y); m {
			case "idFromName", "idFromString", "newUniqueId":
				return m
			}
		}
	case *js.Var:
		for hops := 0; t.Link != nil && s.ids[t] == "" && hops < maxLinkHops; hops++ {
			t = t.Link
		}
		return s.ids[t]
	}
	return ""
}

// stubCall records <stub>.fetch(...) on a stub from env.X.get(...).
func (s *scanner) stubCall(c *js.CallExpr) {
	d, ok := c.X.(*js.DotExpr)
	if !ok || propertyName(d.Y) != "fetch" {
		return
	}
	var sf StubFetch
	switch x := unwrapAwait(d.X).(type) {
	case *js.CallExpr:
		sf, ok = s.stubOf(x)
	case *js.Var:
		for hops := 0; x.Link != nil && s.stubs[x].Binding == "" && hops < maxLinkHops; hops++ {
			x = x.Link
		}
		sf, ok = s.stubs[x]
	default:
		ok = false
	}
	if !ok {
		return
	}
	if len(c.Args.List) > 0 {
		sf.Path = s.requestPath(c.Args.List[0].Value)
	}
	if sf.Span, ok = s.placeToken(propertyToken(d.Y)); ok {
		s.facts.StubFetches = append(s.facts.StubFetches, sf)
	}
}

// mcpServe records Class.serve(path, { binding }) and its kin.
func (s *scanner) mcpServe(d *js.DotExpr, args []js.Arg, site source.Span) {
	v, ok := d.X.(*js.Var)
	method := propertyName(d.Y)
	if !ok || (method != "serve" && method != "serveSSE" && method != "mount") || !site.Valid() {
		return
	}
	ms := McpServe{Class: string(v.Data), Method: method, Span: site}
	if len(args) > 1 {
		if opts, ok := s.optionValues(args[1].Value, 0); ok {
			_, ms.HasBinding = opts["binding"]
			ms.Binding, _ = s.knownOption(opts, "binding")
		}
	}
	s.facts.McpServes = append(s.facts.McpServes, ms)
}

// classKeyword finds where the declaration of the class named at nameAt
// starts: the `class` keyword before the name, or `abstract` before it.
func classKeyword(data []byte, nameAt int) int {
	i := skipSpaceBack(data, nameAt)
	if i < 5 || string(data[i-5:i]) != "class" {
		return -1
	}
	start := i - 5
	if j := skipSpaceBack(data, start); j >= 8 && string(data[j-8:j]) == "abstract" {
		start = j - 8
	}
	return start
}

func skipSpaceBack(data []byte, i int) int {
	for i > 0 && (data[i-1] == ' ' || data[i-1] == '\t' || data[i-1] == '\n' || data[i-1] == '\r') {
		i--
	}
	return i
}

// configPathValue reads a config path: a string, or path.join /
// path.resolve of __dirname (or import.meta.dirname) and strings.
func configPathValue(e js.IExpr) (string, bool) {
	if str, ok := stringLiteral(e); ok {
		return str, true
	}
	c, ok := e.(*js.CallExpr)
	if !ok {
		return "", false
	}
	if d, ok := c.X.(*js.DotExpr); !ok || (propertyName(d.Y) != "join" && propertyName(d.Y) != "resolve") {
		return "", false
	}
	var parts []string
	for i, a := range c.Args.List {
		if str, ok := stringLiteral(a.Value); ok {
			parts = append(parts, str)
		} else if i > 0 || !isDirname(a.Value) {
			return "", false
		}
	}
	return strings.Join(parts, "/"), len(parts) > 0
}

// isDirname: __dirname or import.meta.dirname, the config file's folder.
func isDirname(e js.IExpr) bool {
	switch t := e.(type) {
	case *js.Var:
		return string(t.Data) == "__dirname"
	case *js.DotExpr:
		return propertyName(t.Y) == "dirname"
	}
	return false
}

// extendedVar finds the class a class expression extends: the name
// itself, or the class a mixin helper wraps (`extend(AIChatAgent).with(x)`,
// `withVoice(Agent)`): the first class-like argument of the call chain.
func extendedVar(e js.IExpr) *js.Var {
	for depth := 0; depth < 8; depth++ {
		switch t := e.(type) {
		case *js.Var:
			return t
		case *js.GroupExpr:
			e = t.X
		case *js.CallExpr:
			// extend(A).with(M).build(): the class is innermost, so the
			// chain's object comes before the mixins passed along it
			if d, ok := t.X.(*js.DotExpr); ok {
				if v := extendedVar(d.X); v != nil {
					return v
				}
			}
			for _, a := range t.Args.List {
				if v, ok := a.Value.(*js.Var); ok {
					return v
				}
			}
			return nil
		default:
			return nil
		}
	}
	return nil
}

// topLevelInits maps the module-level consts (exported or not) to their
// initialisers.
func topLevelInits(list []js.IStmt) map[string]js.IExpr {
	out := map[string]js.IExpr{}
	eachTopConst(list, func(v *js.Var, init js.IExpr) { out[string(v.Data)] = init })
	return out
}
