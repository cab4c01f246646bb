package jscode

import (
	"strings"

	"github.com/tdewolff/parse/v2/js"
	"github.com/wranglint/wranglint/lint/source"
)

type clientAPI struct {
	kind   RefKind
	isNew  bool
	via    string
	option string // the option that names the namespace
}

// clientAPIs maps "module#export" to the client it is.
var clientAPIs = map[string]clientAPI{
	"agents/react#useAgent":            {RefAgentClient, false, "useAgent", "agent"},
	"agents-sdk/react#useAgent":        {RefAgentClient, false, "useAgent", "agent"},
	"agents/client#agentFetch":         {RefAgentClient, false, "agentFetch", "agent"},
	"agents-sdk/client#agentFetch":     {RefAgentClient, false, "agentFetch", "agent"},
	"agents/client#AgentClient":        {RefAgentClient, true, "new AgentClient", "agent"},
	"agents-sdk/client#AgentClient":    {RefAgentClient, true, "new AgentClient", "agent"},
	"partysocket/react#usePartySocket": {RefPartySocket, false, "usePartySocket", "party"},
	"partysocket/react#default":        {RefPartySocket, false, "usePartySocket", "party"},
	"partysocket#PartySocket":          {RefPartySocket, true, "new PartySocket", "party"},
	"partysocket#default":              {RefPartySocket, true, "new PartySocket", "party"},
	// @cloudflare/voice's clients convert "agent" as useAgent does.
	"@cloudflare/voice/react#useVoiceAgent": {RefAgentClient, false, "useVoiceAgent", "agent"},
	"@cloudflare/voice/react#useVoiceInput": {RefAgentClient, false, "useVoiceInput", "agent"},
	"@cloudflare/voice/client#VoiceClient":  {RefAgentClient, true, "new VoiceClient", "agent"},
	"@cloudflare/voice#VoiceClient":         {RefAgentClient, true, "new VoiceClient", "agent"},
}

var routeAPIs = map[string][]string{
	"routeAgentRequest":    {"agents", "agents-sdk"},
	"routePartykitRequest": {"partyserver", "partykit"},
}

// urlCallees take a URL as first argument: a path there is a request.
var urlCallees = map[string]bool{"fetch": true, "WebSocket": true, "URL": true, "Request": true, "EventSource": true}

// jsxFactories turn <Component prop="x" /> into a call of Component
// with the props object (esbuild's JSX transform).
var jsxFactories = map[string]bool{"createElement": true, "jsx": true, "jsxs": true, "jsxDEV": true, "_jsx": true, "_jsxs": true}

// callee resolves the called function to the module and name it was
// imported as; locally defined functions resolve to nothing.
func (s *scanner) callee(x js.IExpr) (importBinding, bool) {
	switch t := x.(type) {
	case *js.Var:
		if s.params[s.declOf(t)].fn != nil {
			return importBinding{}, false // a parameter shadows the import
		}
		ib, ok := s.imports[string(t.Data)]
		return ib, ok
	case *js.DotExpr:
		if v, ok := t.X.(*js.Var); ok {
			if ib, found := s.imports[string(v.Data)]; found && ib.name == "*" {
				return importBinding{ib.module, propertyName(t.Y)}, true
			}
		}
	}
	return importBinding{}, false
}

func (s *scanner) call(x js.IExpr, args []js.Arg, isNew bool, ce *js.CallExpr) {
	site := s.calleeSite(x)
	if d, isDot := x.(*js.DotExpr); isDot {
		s.mcpServe(d, args, site)
	}
	if s.urlCall(x, args, site) {
		return
	}
	s.projectCall(x, args, site)
	ib, ok := s.callee(x)
	if !ok {
		s.notePropClient(x, args, isNew, site)
		return
	}
	if mods, ok := routeAPIs[ib.name]; ok && contains(mods, ib.module) && !isNew {
		s.routeCalls[ce] = s.routeCall(ib.name, args, site, s.unawaited[ce])
		return
	}
	api, ok := clientAPIs[ib.module+"#"+ib.name]
	if !ok || api.isNew != isNew || len(args) == 0 {
		return
	}
	s.clientCall(api, args[0].Value, site)
}

// calleeSite places the name of a called function (see useSite: call
// it once per call).
func (s *scanner) calleeSite(x js.IExpr) source.Span {
	switch t := x.(type) {
	case *js.Var:
		return s.useSite(t)
	case *js.DotExpr:
		span, _ := s.placeToken(propertyToken(t.Y))
		return span
	}
	return source.Span{}
}

// urlCall handles fetch(url), new WebSocket(url) and the like: every
// value the first argument can have is judged as a URL.
func (s *scanner) urlCall(x js.IExpr, args []js.Arg, site source.Span) bool {
	name := ""
	switch c := x.(type) {
	case *js.Var:
		name = string(c.Data)
	case *js.DotExpr:
		name = propertyName(c.Y)
	}
	if !urlCallees[name] || len(args) == 0 {
		return false
	}
	s.followCalls = true
	vs := s.eval(args[0].Value, 0)
	s.followCalls = false
	for _, v := range vs {
		s.emit(Template{Kind: RefLiteralURL, Via: "URL literal", Value: v, AtCall: true, Span: site})
	}
	return true
}

// pathnameAssign judges `url.pathname = "/agents/chat/" + id`: a path set
// on a URL object is where that URL goes, as surely as fetch(path).
func (s *scanner) pathnameAssign(t *js.BinaryExpr) {
	d, ok := t.X.(*js.DotExpr)
	if !ok || propertyName(d.Y) != "pathname" {
		return
	}
	s.followCalls = true
	vs := s.eval(t.Y, 0)
	s.followCalls = false
	for _, v := range vs {
		s.emit(Template{Kind: RefLiteralURL, Via: "URL pathname", Value: v, AtCall: true})
	}
}

// clientCall reads an SDK client's options: its naming option, prefix and
// host, through consts, spreads of known objects, spreads of the
// enclosing function's parameter (filled by its callers), and
// alternatives.
func (s *scanner) clientCall(api clientAPI, arg js.IExpr, site source.Span) {
	if !site.Valid() {
		site = s.argSite(arg)
	}
	s.followCalls = true
	opts, ok := s.clientOptions(arg)
	s.followCalls = false
	if !ok {
		s.skip(api.via, "its options are not an object written in the code", site)
		return
	}
	basePath, basePathFrom, present := opts.paramOnly("basePath")
	if present && basePathFrom == nil || basePath {
		return // the Worker routes the path itself
	}
	prefix, prefixFrom, ok := opts.known("prefix")
	if !ok {
		s.skip(api.via, "its prefix is computed at run time", site)
		return
	}
	host, hostFrom, _ := opts.known("host")
	names, present := opts.get(api.option)
	if !present && opts.opaque {
		s.skip(api.via, "its "+api.option+" may come from a spread of a value known only at run time", site)
		return
	}
	for _, v := range names {
		t := Template{Kind: api.kind, Via: api.via, Option: api.option, Value: v,
			Prefix: strings.Trim(prefix, "/"), Host: hostOf(host), Span: site,
			PrefixFrom: prefixFrom, HostFrom: hostFrom, BasePathFrom: basePathFrom}
		if !v.Has(PieceParam) {
			// A value written here ships when callers pass nothing, with
			// the options' defaults; what a spread brings is assumed not
			// to set them, as for any spread. An option that is a named
			// parameter without a default is the caller's to set.
			t.PrefixFrom, t.HostFrom, t.BasePathFrom = nil, nil, nil
			if basePathFrom != nil && !opts.spreadOnly("basePath") {
				t.BasePathFrom = basePathFrom
			}
			if prefixFrom != nil && !opts.hasDefault("prefix") && !opts.spreadOnly("prefix") {
				t.PrefixFrom = prefixFrom
			}
		}
		s.emit(t)
	}
}

// clientOptions reads a client's options argument: an object, a const
// holding one, or the enclosing function's parameter itself (the same
// as spreading it).
func (s *scanner) clientOptions(arg js.IExpr) (*options, bool) {
	if p, ok := s.paramOf(arg); ok {
		o := newOptions()
		o.addSpread(p)
		return o, true
	}
	o := newOptions()
	return o, s.collectOptions(arg, 0, false, o)
}

// options are the keys of an options object as written, and the
// parameters of the enclosing function spread into it
// (`{ ...props, name }`): a key the object does not set after such a
// spread may come from the caller's argument.
type options struct {
	vals    map[string][]Value
	setAt   map[string]int // when each key was last written
	spreads []paramSpread  // parameters spread into the object, in order
	n       int            // writes so far
	// opaque: something spread into the object is known only at run
	// time (assumed not to set the options wranglint reads: the SDK's own
	// examples spread callbacks).
	opaque bool
}

type paramSpread struct {
	param Piece // a PieceParam for the whole argument (Key "")
	at    int
}

func newOptions() *options {
	return &options{vals: map[string][]Value{}, setAt: map[string]int{}}
}

func (o *options) set(key string, vs []Value) {
	o.n++
	o.vals[key], o.setAt[key] = vs, o.n
}

func (o *options) addSpread(p Piece) {
	o.n++
	o.spreads = append(o.spreads, paramSpread{param: p, at: o.n})
}

// get returns the values a key can have: the value written in the
// object, and the caller's for each parameter spread after it.
func (o *options) get(key string) ([]Value, bool) {
	vs, present := o.vals[key]
	last := 0
	if present {
		last = o.setAt[key]
	}
	out := vs
	for _, sp := range o.spreads {
		if sp.at > last {
			p := sp.param
			p.Key = key
			out = union(out, []Value{{Pieces: []Piece{p}}})
			present = true
		}
	}
	return out, present
}

// hasDefault: the key has a value written in the code beside what
// parameters give (a default).
func (o *options) hasDefault(key string) bool {
	vs, _ := o.get(key)
	for _, v := range vs {
		if !isParam(v) {
			return true
		}
	}
	return false
}

// spreadOnly: only a spread of a parameter may set the key.
func (o *options) spreadOnly(key string) bool {
	_, written := o.vals[key]
	vs, _ := o.get(key)
	return !written && len(vs) > 0
}

// isParam: the value is a parameter (or its option) and nothing else.
func isParam(v Value) bool {
	return len(v.Pieces) == 1 && v.Pieces[0].Kind == PieceParam && len(v.Pieces[0].Transforms) == 0
}

// known returns an option's value when it is known: the one known
// alternative (the default when a parameter may set it), and the
// parameter whose caller's value overrides it. ok is false when the
// option is computed.
func (o *options) known(key string) (string, *Piece, bool) {
	vs, present := o.get(key)
	if !present {
		return "", nil, true
	}
	known, count := "", 0
	var from *Piece
	for _, v := range vs {
		switch {
		case v.Known():
			if count > 0 && v.Text() != known {
				return "", nil, false
			}
			known, count = v.Text(), 1
		case isParam(v) && from == nil:
			p := v.Pieces[0]
			from = &p
		default:
			return "", nil, false
		}
	}
	return known, from, true
}

// paramOnly reports an option whose only values are a parameter's
// (the caller decides), or whether it is set at all.
func (o *options) paramOnly(key string) (set bool, from *Piece, present bool) {
	vs, present := o.get(key)
	if !present {
		return false, nil, false
	}
	for _, v := range vs {
		if !isParam(v) || from != nil {
			return true, nil, true
		}
		p := v.Pieces[0]
		from = &p
	}
	return false, from, true
}

// knownOption returns an option's value when it is known (ok is false
// when the option is present but computed).
func (s *scanner) knownOption(opts map[string][]Value, key string) (string, bool) {
	o := &options{vals: opts}
	known, _, ok := o.known(key)
	return known, ok
}

// optionValues evaluates each key of an options object (spreads of
// parameters are not followed: see clientOptions).
func (s *scanner) optionValues(e js.IExpr, depth int) (map[string][]Value, bool) {
	o := newOptions()
	if !s.collectOptions(e, depth, false, o) {
		return nil, false
	}
	return o.vals, true
}

// collectOptions evaluates each key of an options object into o, in
// order. A spread of a known object (a literal or a const) is followed,
// a spread of the enclosing function's parameter is kept for its
// callers, and a spread of anything else is noted as opaque.
func (s *scanner) collectOptions(e js.IExpr, depth int, viaConst bool, o *options) bool {
	if depth > maxEvalDepth {
		return false
	}
	switch t := e.(type) {
	case *js.GroupExpr:
		return s.collectOptions(t.X, depth+1, viaConst, o)
	case *js.Var:
		if init := s.consts[s.declOf(t)]; init != nil {
			return s.collectOptions(init, depth+1, true, o)
		}
		return false
	case *js.ObjectExpr:
		for _, p := range t.List {
			if p.Spread {
				if param, ok := s.paramOf(p.Value); ok && param.Key == "" {
					o.addSpread(param)
				} else if !s.collectOptions(p.Value, depth+1, viaConst, o) {
					o.opaque = true
				}
				continue
			}
			if p.Name == nil || p.Name.Computed != nil {
				continue
			}
			vs := s.eval(p.Value, depth+1)
			if viaConst {
				for i := range vs {
					vs[i] = indirect(vs[i])
				}
			}
			o.set(unquoteJS(p.Name.Literal.Data), vs)
		}
		return true
	}
	return false
}

// emit turns one value of a client call into a reference, or keeps it for
// later: a parameter makes the enclosing function a wrapper, an import
// waits for the other module.
func (s *scanner) emit(t Template) {
	if t.Kind == RefLiteralURL && (t.Value.Has(PieceParam) || t.Value.Has(PieceImport)) {
		// A URL whose namespace is written here is judged here, whatever
		// fills its origin or instance.
		h := t
		h.Value = holed(t.Value)
		if ref, ok := h.Ref(); ok && len(ref.Segs) > 1 && ref.Segs[1] != "" {
			s.addRef(h)
			return
		}
	}
	switch {
	case t.Kind == RefLiteralURL && !hasPath(t.Value):
		return // a whole URL passed through (fetch(request)): nothing to judge here
	case t.Value.Has(PieceParam) || t.optionParams():
		fn := s.enclosingFunc()
		if fn == "" {
			s.skip(t.Via, "its value comes from a parameter of a function without a name", t.Span)
			return
		}
		s.wrappers[fn] = append(s.wrappers[fn], t)
	case t.Value.Has(PieceImport):
		s.facts.Templates = append(s.facts.Templates, t)
	default:
		s.addRef(t)
	}
}

// addRef records a reference from a template whose value is known; a
// value with holes names no namespace before run time.
func (s *scanner) addRef(t Template) {
	ref, ok := t.Ref()
	if !ok {
		if t.Kind != RefLiteralURL {
			s.skip(t.Via, "its "+t.Option+" is computed at run time", t.Span)
		}
		return
	}
	key := refKey{ref.Span.Start, ref.Value, ref.Via}
	if s.seenRefs[key] {
		return
	}
	s.seenRefs[key] = true
	s.facts.Refs = append(s.facts.Refs, ref)
}

type refKey struct {
	start      int
	value, via string
}

func (s *scanner) skip(via, reason string, span source.Span) {
	s.facts.Skipped = append(s.facts.Skipped, Skip{Via: via, Reason: reason, Span: span})
}

// literalURL records an absolute URL literal ("wss://h/agents/x/y", or a
// template whose origin is filled at run time) wherever it is written.
func (s *scanner) literalURL(e js.IExpr) {
	vs := s.eval(e, maxEvalDepth-1) // the literal itself: no need to follow consts
	if len(vs) == 1 {
		s.addRef(Template{Kind: RefLiteralURL, Via: "URL literal", Value: holed(vs[0])})
	}
}

func (s *scanner) routeCall(name string, args []js.Arg, site source.Span, unawaited string) *RouteCall {
	rc := &RouteCall{Func: name, Span: site, Unawaited: unawaited}
	if len(args) >= 3 {
		opts, ok := s.optionValues(args[2].Value, 0)
		if vs, present := opts["prefix"]; ok && present {
			rc.HasPrefix = true
			switch {
			case len(vs) == 1 && vs[0].Known():
				rc.PrefixRaw = vs[0].Text()
				rc.Prefix = strings.Trim(rc.PrefixRaw, "/")
				if p, single := vs[0].Single(); single && p.Exact && p.Direct {
					rc.PrefixSpan = p.Span
				}
			case len(vs) == 1 && vs[0].Has(PieceImport) && !vs[0].Has(PieceHole) && !vs[0].Has(PieceParam):
				rc.PrefixValue = &vs[0] // an imported constant: the project fills it in
			default:
				return nil // computed: unknown
			}
		}
	}
	s.facts.RouteCalls = append(s.facts.RouteCalls, rc)
	return rc
}

// templateText strips the delimiters of a template token: ` } ${.
func templateText(b []byte) string {
	str := string(b)
	str = strings.TrimPrefix(strings.TrimPrefix(str, "`"), "}")
	str = strings.TrimSuffix(strings.TrimSuffix(str, "`"), "${")
	return str
}

// holed turns parameters and imports into holes.
func holed(v Value) Value {
	pieces := make([]Piece, len(v.Pieces))
	for i, p := range v.Pieces {
		if p.Kind == PieceParam || p.Kind == PieceImport {
			p = Piece{Kind: PieceHole, Span: p.Span}
		}
		pieces[i] = p
	}
	return Value{Pieces: pieces}
}

// argSite places a call by its options object when the callee's name has
// no place of its own (a second call of one name in a scope): the first
// key written in the object, whose bytes are its own in the tree.
func (s *scanner) argSite(arg js.IExpr) source.Span {
	obj, ok := arg.(*js.ObjectExpr)
	if !ok {
		return source.Span{}
	}
	for _, p := range obj.List {
		if p.Name != nil && p.Name.Computed == nil && len(p.Name.Literal.Data) > 0 {
			if span, ok := s.placeToken(p.Name.Literal.Data); ok {
				return span
			}
		}
	}
	return source.Span{}
}

// hasPath: some text of the value holds a path separator, or may (an
// imported constant, what an imported helper returns).
func hasPath(v Value) bool {
	for _, p := range v.Pieces {
		if p.Kind == PieceText && strings.Contains(p.Text, "/") || p.Kind == PieceImport {
			return true
		}
	}
	return false
}
