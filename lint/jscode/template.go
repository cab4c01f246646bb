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
}

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

// Fill replaces every parameter of t's value with the argument values of
// a call, giving one template per combination (at most maxAlternatives).
// Texts that fill a parameter keep their own place: a diagnostic points
// at the argument the caller wrote.
func (t Template) Fill(args []Arg) []Template {
	return t.fill(func(p Piece) []Value {
		if p.Param >= len(args) {
			return nil
		}
		a := args[p.Param]
		if p.Key != "" {
			return a.Props[p.Key]
		}
		return a.Values
	}, PieceParam)
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
	if !t.Value.Known() {
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
