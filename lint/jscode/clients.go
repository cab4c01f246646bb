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
		return
	}
	if mods, ok := routeAPIs[ib.name]; ok && contains(mods, ib.module) && !isNew {
		s.routeCall(ib.name, args, site, s.unawaited[ce])
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
	for _, v := range s.eval(args[0].Value, 0) {
		s.emit(Template{Kind: RefLiteralURL, Via: "URL literal", Value: v, AtCall: true, Span: site})
	}
	return true
}

// clientCall reads an SDK client's options: its naming option, prefix and
// host, through consts, spreads of known objects, and alternatives.
func (s *scanner) clientCall(api clientAPI, arg js.IExpr, site source.Span) {
	if !site.Valid() {
		site = s.argSite(arg)
	}
	opts, ok := s.optionValues(arg, 0)
	if !ok {
		s.skip(api.via, "its options are not an object written in the code", site)
		return
	}
	if _, ok := opts["basePath"]; ok {
		return // the Worker routes the path itself
	}
	prefix, ok := s.knownOption(opts, "prefix")
	if !ok {
		s.skip(api.via, "its prefix is computed at run time", site)
		return
	}
	host, _ := s.knownOption(opts, "host")
	for _, v := range opts[api.option] {
		s.emit(Template{Kind: api.kind, Via: api.via, Option: api.option, Value: v,
			Prefix: strings.Trim(prefix, "/"), Host: hostOf(host), Span: site})
	}
}

// knownOption returns an option's value when it is known (ok is false
// when the option is present but computed).
func (s *scanner) knownOption(opts map[string][]Value, key string) (string, bool) {
	vs, present := opts[key]
	if !present {
		return "", true
	}
	// A parameter's default is what ships when callers pass nothing: the
	// one known alternative beside parameters is the value.
	known := ""
	count := 0
	for _, v := range vs {
		switch {
		case v.Known():
			known, count = v.Text(), count+1
		case len(v.Pieces) == 1 && v.Pieces[0].Kind == PieceParam:
		default:
			return "", false
		}
	}
	return known, count == 1
}

// optionValues evaluates each key of an options object. A spread of a
// known object (a literal or a const) is followed; a spread of anything
// else is assumed not to set the options wranglint reads (the SDK's own
// examples spread callbacks).
func (s *scanner) optionValues(e js.IExpr, depth int) (map[string][]Value, bool) {
	if depth > maxEvalDepth {
		return nil, false
	}
	switch t := e.(type) {
	case *js.GroupExpr:
		return s.optionValues(t.X, depth+1)
	case *js.Var:
		if init := s.consts[s.declOf(t)]; init != nil {
			opts, ok := s.optionValues(init, depth+1)
			for k, vs := range opts {
				for i := range vs {
					vs[i] = indirect(vs[i])
				}
				opts[k] = vs
			}
			return opts, ok
		}
		return nil, false
	case *js.ObjectExpr:
		out := map[string][]Value{}
		for _, p := range t.List {
			if p.Spread {
				if inner, ok := s.optionValues(p.Value, depth+1); ok {
					for k, v := range inner {
						out[k] = v
					}
				}
				continue
			}
			if p.Name == nil || p.Name.Computed != nil {
				continue
			}
			out[unquoteJS(p.Name.Literal.Data)] = s.eval(p.Value, depth+1)
		}
		return out, true
	}
	return nil, false
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
	case t.Value.Has(PieceParam):
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

func (s *scanner) routeCall(name string, args []js.Arg, site source.Span, unawaited string) {
	rc := &RouteCall{Func: name, Span: site, Unawaited: unawaited}
	if len(args) >= 3 {
		opts, ok := s.optionValues(args[2].Value, 0)
		if vs, present := opts["prefix"]; ok && present {
			rc.HasPrefix = true
			switch {
			case len(vs) == 1 && vs[0].Known():
				rc.Prefix = strings.Trim(vs[0].Text(), "/")
			case len(vs) == 1 && vs[0].Has(PieceImport) && !vs[0].Has(PieceHole) && !vs[0].Has(PieceParam):
				rc.PrefixValue = &vs[0] // an imported constant: the project fills it in
			default:
				return // computed: unknown
			}
		}
	}
	s.facts.RouteCalls = append(s.facts.RouteCalls, rc)
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

// hasPath: some text of the value holds a path separator.
func hasPath(v Value) bool {
	for _, p := range v.Pieces {
		if p.Kind == PieceText && strings.Contains(p.Text, "/") {
			return true
		}
	}
	return false
}
