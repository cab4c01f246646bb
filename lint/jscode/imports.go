package jscode

import (
	"github.com/tdewolff/parse/v2/js"
	"github.com/wranglint/wranglint/lint/source"
)

// ImportKind says how a module names another module.
type ImportKind uint8

const (
	// ImportStatic: `import … from "m"` or `import "m"`.
	ImportStatic ImportKind = iota
	// ImportReExport: `export { x } from "m"`, `export * as ns from "m"`.
	ImportReExport
	// ImportStar: `export * from "m"`.
	ImportStar
	// ImportDynamic: `import("m")` with a string literal.
	ImportDynamic
	// ImportRequire: `require("m")` with a string literal.
	ImportRequire
)

func (k ImportKind) String() string {
	return [...]string{"import", "re-export", "export *", "import()", "require()"}[k]
}

// ImportRecord is one module specifier a file names, in source order. Type-
// only imports are not records: esbuild drops them from TypeScript (and
// drops unused imports, which may be types, as its bundler does).
type ImportRecord struct {
	Spec string
	Kind ImportKind
	Span source.Span // the specifier literal in the original text (may be invalid)
	// Names are the names a static import takes from the module ("default",
	// "*" for a namespace); nil for a bare, dynamic or require import.
	Names []string `json:",omitempty"`
}

// addImport records a specifier token of the generated code.
func (s *scanner) addImport(tok []byte, kind ImportKind) {
	if tok == nil {
		return
	}
	span, _ := s.doc.literalSpan(tok)
	s.facts.Imports = append(s.facts.Imports, ImportRecord{Spec: unquoteJS(tok), Kind: kind, Span: span})
}

// callImport records import("m") and require("m") with a literal argument.
func (s *scanner) callImport(c *js.CallExpr) {
	if len(c.Args.List) == 0 {
		return
	}
	lit, ok := c.Args.List[0].Value.(*js.LiteralExpr)
	if !ok || lit.TokenType != js.StringToken {
		return
	}
	switch x := c.X.(type) {
	case *js.LiteralExpr:
		if x.TokenType == js.ImportToken {
			s.addImport(lit.Data, ImportDynamic)
		}
	case *js.Var:
		if string(x.Data) == "require" && undeclared(x) {
			s.addImport(lit.Data, ImportRequire)
		}
	}
}

// undeclared: a variable no scope of the file declares (a global).
func undeclared(v *js.Var) bool {
	for hops := 0; v.Link != nil && hops < maxLinkHops; hops++ {
		v = v.Link
	}
	return v.Decl == js.NoDecl
}
