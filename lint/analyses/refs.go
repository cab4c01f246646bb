package analyses

import (
	"strconv"
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/settings"
)

// Refs resolves every client reference of the project: the direct ones
// each file's scan found, those behind one level of imported constant or
// project wrapper, and calls of the clients declared in .wranglint.jsonc;
// each with what it sends, given the SDK version installed for its file.
var Refs = &lint.Analysis{
	Name: "refs",
	Doc:  "every client reference with the namespace it sends, and the client calls that cannot be judged",
	Run:  func(p *lint.AnalysisPass) any { return resolveRefs(p.Project) },
}

// RefsOf returns the Refs analysis's result.
func RefsOf(r lint.Results) *RefSet { return r.ResultOf(Refs).(*RefSet) }

// RefSet is the result of Refs.
type RefSet struct {
	Refs []*ResolvedRef
	// Skipped are client calls whose target is known only at run time
	// (--verbose lists them).
	Skipped []jscode.Skip
}

// ResolvedRef is a client reference with what it sends, given the SDK
// version installed for its file.
type ResolvedRef struct {
	*jscode.ClientRef
	Era       sdk.Era // the conversion the client applies
	Namespace string  // what the client sends (option-based clients; "" for URL literals)
}

// resolveRefs computes what each client sends, with the conversion of the
// SDK version installed for its file.
func resolveRefs(p *project.Project) *RefSet {
	out := &RefSet{}
	called := map[string]bool{} // exported wrappers some call fills (file, local name)
	for _, sf := range p.Sources {
		if project.IsTestFile(sf.File.Path) {
			continue // tests build wrong URLs on purpose and compare URL strings
		}
		v := p.VersionsFor(sf.File.Path)
		indirect, skipped := indirectRefs(p, sf, called)
		indirect = append(indirect, declaredRefs(p, sf)...)
		out.Skipped = append(append(out.Skipped, sf.Skipped...), skipped...)
		for _, r := range append(append([]*jscode.ClientRef(nil), sf.Refs...), indirect...) {
			out.Refs = append(out.Refs, NewRef(r, v))
		}
	}
	out.Skipped = dedupeSkips(append(out.Skipped, uncalledWrappers(p, called)...))
	return out
}

// dedupeSkips lists each skipped call once per reason (a call whose
// value has several alternatives is skipped for each).
func dedupeSkips(skips []jscode.Skip) []jscode.Skip {
	type key struct {
		file        string
		start       int
		via, reason string
	}
	seen := map[key]bool{}
	out := skips[:0]
	for _, s := range skips {
		k := key{via: s.Via, reason: s.Reason, start: -1}
		if s.Span.Valid() {
			k.file, k.start = s.Span.File.Path, s.Span.Start
		}
		if s.Span.Valid() && seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, s)
	}
	return out
}

// NewRef resolves one reference with the SDK versions in force for it.
func NewRef(r *jscode.ClientRef, v sdk.Versions) *ResolvedRef {
	rr := &ResolvedRef{ClientRef: r}
	switch r.Kind {
	case jscode.RefAgentClient:
		rr.Era = conventionEra(r.Convention, v.ClientEra())
		rr.Namespace = sdk.Namespace(r.Value, rr.Era)
	case jscode.RefPartySocket:
		rr.Era, rr.Namespace = sdk.EraVerbatim, r.Value
	}
	return rr
}

// indirectRefs resolves a file's templates and calls of imported
// wrappers into references; what cannot be resolved is counted as
// skipped.
func indirectRefs(p *project.Project, sf *jscode.SourceFacts, called map[string]bool) ([]*jscode.ClientRef, []jscode.Skip) {
	var refs []*jscode.ClientRef
	var skipped []jscode.Skip
	own := importLookup(p, sf.File.Path)
	for _, t := range sf.Templates {
		n := len(refs)
		filled := t.FillImports(own)
		refs = append(refs, templateRefs(filled, "")...)
		// A URL that names no agent is no client call; nor is one that an
		// imported function (not a helper) returns.
		switch {
		case len(refs) > n || t.Kind == jscode.RefLiteralURL && (len(filled) > 0 || callsImported(t.Value)):
		case callsImported(t.Value):
			skipped = append(skipped, jscode.Skip{Via: t.Via, Span: t.Span,
				Reason: "its " + t.Option + " is what an imported function returns, which wranglint cannot follow"})
		default:
			skipped = append(skipped, jscode.Skip{Via: t.Via, Reason: "its value is imported from a module wranglint cannot read", Span: t.Span})
		}
	}
	for _, c := range sf.Calls {
		ws, at := p.ExportedWrappers(p.ResolveModule(sf.File.Path, c.Module), c.Name, 0)
		for _, w := range ws {
			called[at+"\x00"+w.Local] = true
			for _, t := range w.Template.FillImports(importLookup(p, at)) {
				filled, unknown := t.Fill(c.Args)
				if unknown != "" {
					skipped = append(skipped, jscode.Skip{Via: t.Via, Span: c.Span,
						Reason: "its " + unknown + " is computed at run time where " + w.Local + "() is called"})
				}
				for _, f := range filled {
					if f.Kind == jscode.RefLiteralURL {
						f.Value = jscode.ParamsAsHoles(f.Value)
					}
					if why := jscode.OpenAfterFill(f, w.Local); why != "" {
						skipped = append(skipped, jscode.Skip{Via: f.Via, Reason: why, Span: c.Span})
						continue
					}
					refs = append(refs, templateRefs(f.FillImports(own), w.Local)...)
				}
			}
		}
	}
	// A wrapper called with nothing known: its client call is not judged
	// at that call.
	for _, c := range sf.OpaqueCalls {
		ws, at := p.ExportedWrappers(p.ResolveModule(sf.File.Path, c.Module), c.Name, 0)
		for _, w := range ws {
			if w.Template.Kind != jscode.RefLiteralURL {
				called[at+"\x00"+w.Local] = true // listed here, at its call
				skipped = append(skipped, jscode.Skip{Via: w.Template.Via, Span: c.Span,
					Reason: "its " + w.Template.Option + " is computed at run time where " + w.Local + "() is called"})
			}
		}
	}
	return refs, skipped
}

// importLookup fills the imported pieces of values written in file: an
// imported constant's values, or what an imported helper returns for the
// call's arguments (one level: the helper's own imports are constants).
func importLookup(p *project.Project, file string) func(jscode.Piece) []jscode.Value {
	own := p.ImportLookup(file, 0)
	return func(pc jscode.Piece) []jscode.Value {
		if !pc.Call {
			return own(pc)
		}
		vs, at := exportedHelper(p, p.ResolveModule(file, pc.Module), pc.Name, 0)
		var out []jscode.Value
		for _, v := range vs {
			for _, filled := range jscode.FillValue(v, jscode.ArgLookup(pc.Args), jscode.PieceParam) {
				filled = jscode.ParamsAsHoles(filled) // an argument the caller did not pass: undefined
				out = append(out, jscode.FillValue(filled, p.ImportLookup(at, 0), jscode.PieceImport)...)
			}
		}
		return out
	}
}

// maxHelperHops bounds how far an imported helper is followed through
// re-exports, as constants and wrappers are.
const maxHelperHops = 8

// exportedHelper finds what the function a module exports under name
// returns, following re-exports, and the file that declares it.
func exportedHelper(p *project.Project, file, name string, hops int) ([]jscode.Value, string) {
	sf := p.Facts(file)
	if sf == nil || hops > maxHelperHops {
		return nil, ""
	}
	if vs, ok := sf.Helpers[name]; ok {
		return vs, file
	}
	for _, r := range sf.ReExports {
		if r.As == name {
			return exportedHelper(p, p.ResolveModule(file, r.Module), r.Name, hops+1)
		}
	}
	for _, spec := range sf.StarExports {
		if vs, at := exportedHelper(p, p.ResolveModule(file, spec), name, hops+1); vs != nil {
			return vs, at
		}
	}
	return nil, ""
}

// callsImported: some piece of v is what an imported function returns.
func callsImported(v jscode.Value) bool {
	for _, pc := range v.Pieces {
		if pc.Call {
			return true
		}
	}
	return false
}

// templateRefs turns filled templates into references, naming the
// wrapper they went through.
func templateRefs(ts []jscode.Template, wrapper string) []*jscode.ClientRef {
	var out []*jscode.ClientRef
	for _, t := range ts {
		if ref, ok := t.Ref(); ok {
			ref.Wrapper = wrapper
			out = append(out, ref)
		}
	}
	return out
}

// uncalledWrappers counts the exported wrappers no call in the project
// fills: their clients are known only to callers wranglint cannot see.
func uncalledWrappers(p *project.Project, called map[string]bool) []jscode.Skip {
	var out []jscode.Skip
	for _, sf := range p.Sources {
		for _, w := range sf.Wrappers {
			if !called[sf.File.Path+"\x00"+w.Local] {
				out = append(out, jscode.Skip{Via: w.Template.Via, Span: w.Template.Span,
					Reason: "its value is a parameter of the exported " + w.Local + "(), which no scanned module calls with a known value"})
			}
		}
	}
	return out
}

// declaredRefs turns a file's calls of declared clients into references.
func declaredRefs(p *project.Project, sf *jscode.SourceFacts) []*jscode.ClientRef {
	clients := p.ClientsFor(sf.File.Path)
	if len(clients) == 0 {
		return nil
	}
	own := importLookup(p, sf.File.Path)
	var out []*jscode.ClientRef
	for _, c := range sf.Calls {
		for _, dc := range clients {
			if c.Name != dc.Function {
				continue
			}
			for _, t := range declaredTemplates(c, dc) {
				for _, filled := range t.FillImports(own) {
					if ref, ok := filled.Ref(); ok {
						ref.Convention = string(dc.Convention)
						out = append(out, ref)
					}
				}
			}
		}
	}
	return out
}

// declaredTemplates reads the name argument of one call of a declared
// client.
func declaredTemplates(c jscode.Call, dc settings.Client) []jscode.Template {
	var values []jscode.Value
	option := dc.NameOption
	switch {
	case dc.NameOption != "" && len(c.Args) > 0:
		values = c.Args[0].Props[dc.NameOption]
	case dc.NameArgument >= 0 && dc.NameArgument < len(c.Args):
		values = c.Args[dc.NameArgument].Values
		option = "argument " + strconv.Itoa(dc.NameArgument+1)
	}
	prefix := strings.Trim(dc.Prefix, "/")
	if prefix == "" {
		prefix = "agents"
	}
	var out []jscode.Template
	for _, v := range values {
		out = append(out, jscode.Template{Kind: jscode.RefAgentClient, Via: dc.Function, Option: option, Value: v, Prefix: prefix, Span: c.Span})
	}
	return out
}

// conventionEra is the conversion a declared client applies.
func conventionEra(conv string, sdkEra sdk.Era) sdk.Era {
	switch settings.Convention(conv) {
	case settings.ConventionLowercase:
		return sdk.EraLowercase
	case settings.ConventionVerbatim:
		return sdk.EraVerbatim
	}
	return sdkEra
}
