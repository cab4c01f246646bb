package jscode

import (
	"strings"

	"github.com/wranglint/wranglint/lint/source"
)

// Template is a client call or a URL whose value is not fully known
// inside its own file: it holds an imported constant, or a parameter of
// a project-local wrapper. Once filled, it becomes a ClientRef.
type Template struct {
	Kind   RefKind
	Via    string
	Option string // the option that names the namespace ("agent", "party"); "" for URLs
	Value  Value  // the naming option's value, or the whole URL
	Prefix string // the prefix option when it is known
	Host   string // the host option when it is known
	Span   source.Span
	// AtCall: a URL value passed to fetch(), new WebSocket() and the like,
	// where a bare path is a request too.
	AtCall bool
	// PrefixFrom, HostFrom and BasePathFrom are the wrapper's parameters
	// (or their options) whose caller's value sets the client's prefix,
	// host or basePath (`useAgent({ ...props })`): Prefix and Host are
	// what ships when the caller sets nothing.
	PrefixFrom, HostFrom, BasePathFrom *Piece
}

// optionParams: some option of the client is set by a caller.
func (t Template) optionParams() bool {
	return t.PrefixFrom != nil || t.HostFrom != nil || t.BasePathFrom != nil
}

// Open reports whether a parameter still decides the template: its value
// or one of its options.
func (t Template) Open() bool { return t.Value.Has(PieceParam) || t.optionParams() }

// Wrapper is a project function (or React hook) that passes one of its
// parameters into an SDK client or into the namespace of a URL:
// `const useNamed = (agent: string) => useAgent({ agent })`.
type Wrapper struct {
	Local    string   // the function's local name
	Exported []string // the names the module exports it under
	Template Template // holds PieceParam pieces
}

// Arg is what a call passes in one argument: its values, or the values of
// each key of an object literal.
type Arg struct {
	Values []Value
	Props  map[string][]Value
}

// Call is a call of a project function with the values of its
// arguments: a local function, or one imported from a project module.
type Call struct {
	Local  string // the local name called ("" for an import)
	Module string // the module an imported callee comes from
	Name   string // the imported name
	Args   []Arg
	Span   source.Span
}

// ReExport is `export { Name as As } from "Module"`.
type ReExport struct {
	As, Module, Name string
}

// Skip is a client call whose target cannot be known before run time.
type Skip struct {
	Via    string
	Reason string
	Span   source.Span
}

// Fill replaces every parameter of t's value and options with the
// argument values of a call, giving one template per combination (at
// most maxAlternatives). Texts that fill a parameter keep their own place:
// a diagnostic points at the argument the caller wrote. An option the
// caller does not set keeps the wrapper's default; a basePath it sets
// takes the client out of the Worker's routing, so nothing is left to
// judge. unknown names an option the call sets to a value known only at
// run time (its templates are dropped).
func (t Template) Fill(args []Arg) (out []Template, unknown string) {
	lookup := func(p Piece) []Value {
		vs, _ := argValues(args, p)
		return vs
	}
	for _, nt := range t.fill(lookup, PieceParam) {
		if nt.BasePathFrom != nil && argSets(args, *nt.BasePathFrom) {
			continue
		}
		prefixes := []string{nt.Prefix}
		if nt.PrefixFrom != nil && argSets(args, *nt.PrefixFrom) {
			vs, _ := argValues(args, *nt.PrefixFrom)
			if prefixes = knownTexts(vs, nt.PrefixFrom.Transforms); prefixes == nil {
				unknown = "prefix"
				continue
			}
		}
		if nt.HostFrom != nil && argSets(args, *nt.HostFrom) {
			vs, _ := argValues(args, *nt.HostFrom)
			nt.Host = ""
			if hs := knownTexts(vs, nt.HostFrom.Transforms); len(hs) == 1 {
				nt.Host = hostOf(hs[0])
			}
		}
		nt.PrefixFrom, nt.HostFrom, nt.BasePathFrom = nil, nil, nil
		for _, prefix := range prefixes {
			pt := nt
			pt.Prefix = strings.Trim(prefix, "/")
			out = append(out, pt)
		}
	}
	return out, unknown
}

// ParamsAsHoles turns the parameters left in a value into holes: values
// known only at run time.
func ParamsAsHoles(v Value) Value {
	if !v.Has(PieceParam) {
		return v
	}
	pieces := make([]Piece, len(v.Pieces))
	for i, p := range v.Pieces {
		if p.Kind == PieceParam {
			p = Piece{Kind: PieceHole, Span: p.Span}
		}
		pieces[i] = p
	}
	return Value{Pieces: pieces}
}

// argValues is what a call passes for parameter p: the argument, or one
// option of it. present is false when the caller does not set it; an
// argument that is not an object written in the code, where the
// parameter is one of its options, is unknown (a hole).
func argValues(args []Arg, p Piece) (vs []Value, present bool) {
	if p.Param >= len(args) {
		return nil, false
	}
	a := args[p.Param]
	if a.Props == nil && len(a.Values) == 0 {
		return nil, false
	}
	if p.Key == "" {
		if a.Props != nil {
			return hole(source.Span{}), true
		}
		return a.Values, true
	}
	if a.Props == nil {
		return hole(source.Span{}), true
	}
	vs, present = a.Props[p.Key]
	return vs, present
}

// ArgLookup fills the parameters of a value with a call's arguments.
func ArgLookup(args []Arg) func(Piece) []Value {
	return func(p Piece) []Value {
		vs, present := argValues(args, p)
		if !present {
			return hole(source.Span{}) // undefined
		}
		return vs
	}
}

// argSets: the call's argument is written in the code and sets p (an
// argument that is not known may set it or not).
func argSets(args []Arg, p Piece) bool {
	if p.Param >= len(args) {
		return false
	}
	a := args[p.Param]
	if p.Key == "" {
		return a.Props == nil && len(a.Values) > 0
	}
	_, set := a.Props[p.Key]
	return set
}

// knownTexts returns the texts of known values after the transforms, or
// nil when some value is not known.
func knownTexts(vs []Value, trs []Transform) []string {
	for _, tr := range trs {
		vs = transformValues(vs, tr)
	}
	var out []string
	for _, v := range vs {
		if !v.Known() {
			return nil
		}
		out = append(out, v.Text())
	}
	return out
}

// FillImports replaces every imported piece with the values lookup finds
// for it (nil: unknown, and the template is dropped).
func (t Template) FillImports(lookup func(Piece) []Value) []Template {
	return t.fill(lookup, PieceImport)
}

func (t Template) fill(values func(Piece) []Value, kind PieceKind) []Template {
	filled := FillValue(t.Value, values, kind)
	out := make([]Template, 0, len(filled))
	for _, v := range filled {
		nt := t
		nt.Value = v
		out = append(out, nt)
	}
	return out
}

// FillValue replaces the pieces of kind in v by the values given for
// them, applying each piece's transforms.
func FillValue(v Value, values func(Piece) []Value, kind PieceKind) []Value {
	out := []Value{{}}
	for _, p := range v.Pieces {
		if p.Kind != kind {
			out = concat(out, []Value{{Pieces: []Piece{p}}})
			continue
		}
		alts := values(p)
		if len(alts) == 0 {
			return nil
		}
		for _, tr := range p.Transforms {
			alts = transformValues(alts, tr)
		}
		out = concat(out, alts)
	}
	return out
}

// Ref turns a template whose value is known into a reference (a URL may
// have holes); ok is false when it is not, or names no namespace.
func (t Template) Ref() (*ClientRef, bool) {
	ref, ok := t.ref()
	if ok && t.Span.Valid() && (t.Span.File != ref.Span.File || t.Span.StartPos().Line != ref.Span.StartPos().Line) {
		ref.Site = t.Span
	}
	return ref, ok
}

func (t Template) ref() (*ClientRef, bool) {
	if t.Kind == RefLiteralURL { // holes are fine where the namespace is known
		if t.Value.Has(PieceParam) || t.Value.Has(PieceImport) {
			return nil, false
		}
		return urlRef(t.Via, t.Value, t.AtCall)
	}
	if !t.Value.Known() || t.optionParams() {
		return nil, false
	}
	first := t.Value.Pieces[0]
	ref := &ClientRef{Kind: t.Kind, Via: t.Via, Span: first.Span, Value: t.Value.Text(), Prefix: t.Prefix, Host: t.Host, Option: t.Option}
	if p, ok := t.Value.Single(); ok {
		ref.Direct = p.Direct && p.Exact
		ref.Transformed = !p.Exact
	} else {
		ref.Transformed = true // composed from several literals: no single literal to edit
	}
	return ref, ref.Span.Valid() && ref.Value != ""
}

// urlRef reads a URL or path value: "wss://h/agents/x/y", "/agents/x/y",
// or a path after parts filled in at run time. A bare path counts only
// where it is fetched or opened (atCall).
func urlRef(via string, v Value, atCall bool) (*ClientRef, bool) {
	parts, spans := urlParts(v)
	host, path, pathPart, ok := splitURL(parts)
	if !ok || host == "" && pathPart == 0 && !atCall {
		return nil, false
	}
	segs := pathSegments(path, pathPart < len(parts)-1)
	if len(segs) < 3 || segs[0] == "" {
		return nil, false
	}
	ref := &ClientRef{Kind: RefLiteralURL, Via: via, Value: v.Text(), Host: host, Segs: segs, Direct: true}
	ref.SegSpans = segmentSpans(v, pathPart, path, segs)
	ref.Span = spans[pathPart]
	if ns := ref.SegSpans[1]; ns.Valid() {
		ref.Span = ns // the literal that decides the namespace (a helper's caller's, say)
	}
	for _, p := range v.Pieces {
		if p.Kind == PieceText && !p.Direct {
			ref.Direct = false // through a const: other code may read it too
		}
	}
	return ref, ref.Span.Valid()
}

// urlParts splits a value at its holes: the static texts of the URL, and
// for each the place of the literal it starts in.
func urlParts(v Value) ([]string, []source.Span) {
	parts, spans := []string{""}, []source.Span{{}}
	for _, p := range v.Pieces {
		if p.Kind != PieceText {
			parts, spans = append(parts, ""), append(spans, source.Span{})
			continue
		}
		last := len(parts) - 1
		if parts[last] == "" && !spans[last].Valid() {
			spans[last] = p.Span
		}
		parts[last] += p.Text
	}
	return parts, spans
}

// segmentSpans finds, for each path segment, the literal it is written in
// (invalid where a segment spans several literals or is filled at run time).
func segmentSpans(v Value, pathPart int, path string, segs []string) []source.Span {
	// Walk the pieces of the path's part and locate each segment's text.
	var pieces []Piece
	part := 0
	for _, p := range v.Pieces {
		if p.Kind != PieceText {
			part++
			continue
		}
		if part == pathPart {
			pieces = append(pieces, p)
		}
	}
	joined := ""
	for _, p := range pieces {
		joined += p.Text
	}
	base := strings.Index(joined, path)
	out := make([]source.Span, len(segs))
	off := base + 1 // after the leading "/"
	for i, seg := range segs {
		if seg != "" && base >= 0 {
			out[i] = pieceAt(pieces, off)
		}
		off += len(seg) + 1
	}
	return out
}

// pieceAt returns the literal of the piece covering offset off of the
// joined texts.
func pieceAt(pieces []Piece, off int) source.Span {
	for _, p := range pieces {
		if off < len(p.Text) {
			return p.Span
		}
		off -= len(p.Text)
	}
	return source.Span{}
}
