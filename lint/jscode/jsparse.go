// Package jscode is the JavaScript and TypeScript layer: esbuild turns each
// file into plain JavaScript with a source map, tdewolff/parse gives the
// syntax tree, and the scanner reads the facts rules need (client
// references, routing calls, exports, classes, env uses, stub fetches, MCP
// serves) with positions mapped back to the original text. esbuild's
// bundler gives each Worker's module graph.
package jscode

import (
	"path/filepath"
	"strings"
	"unsafe"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
	"github.com/wranglint/wranglint/lint/source"
)

// jsDoc is a JS/TS/JSX/TSX file turned into plain JavaScript by esbuild
// and parsed by tdewolff/parse, with the way back to original offsets.
type jsDoc struct {
	file *source.File
	gen  []byte       // generated JavaScript (the parser's buffer)
	gf   *source.File // index of gen, for line/column lookups
	sm   *sourceMap
	ast  *js.AST
}

// loaderFor is the loader for scanning a file: plain .js often holds JSX
// in front-end projects.
func loaderFor(path string) api.Loader { return scriptLoader(path, api.LoaderJSX) }

// scriptLoader picks esbuild's loader by extension, or fallback for .js.
func scriptLoader(path string, fallback api.Loader) api.Loader {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".ts", ".mts", ".cts":
		return api.LoaderTS
	case ".tsx":
		return api.LoaderTSX
	case ".jsx":
		return api.LoaderJSX
	}
	return fallback
}

// parseJS transforms and parses f. A syntax error is returned with the
// original position esbuild reported.
func parseJS(f *source.File) (*jsDoc, *source.SyntaxError) {
	res := api.Transform(string(f.Data), api.TransformOptions{
		Loader:      loaderFor(f.Path),
		Sourcemap:   api.SourceMapExternal,
		Target:      api.ESNext,
		Format:      api.FormatDefault,
		Sourcefile:  f.Rel,
		TsconfigRaw: `{"compilerOptions":{"experimentalDecorators":true}}`,
		LogLevel:    api.LogLevelSilent,
	})
	if len(res.Errors) > 0 && loaderFor(f.Path) == api.LoaderJSX && filepath.Ext(f.Path) != ".jsx" {
		// A .js file that is not JSX (for example one using "<" generics-free
		// comparisons the JSX loader rejects): try plain JavaScript.
		res = api.Transform(string(f.Data), api.TransformOptions{Loader: api.LoaderJS,
			Sourcemap: api.SourceMapExternal, Target: api.ESNext, Sourcefile: f.Rel, LogLevel: api.LogLevelSilent})
	}
	if len(res.Errors) > 0 {
		return nil, esbuildSyntaxError(f, res.Errors[0])
	}
	sm, ok := parseSourceMap(res.Map)
	if !ok {
		return nil, source.SyntaxAt(f, 0, "internal error: esbuild produced an unreadable source map")
	}
	gen := make([]byte, len(res.Code), len(res.Code)+1)
	copy(gen, res.Code)
	ast, err := js.Parse(parse.NewInputBytes(gen), js.Options{})
	if err != nil {
		// esbuild accepted the file, so this is a gap in the second parser:
		// the file is skipped rather than reported as broken.
		return nil, nil
	}
	return &jsDoc{file: f, gen: gen, gf: source.NewFile("", "", gen), sm: sm, ast: ast}, nil
}

func esbuildSyntaxError(f *source.File, msg api.Message) *source.SyntaxError {
	off := 0
	if loc := msg.Location; loc != nil {
		off = f.Offset(loc.Line, loc.Column+1)
	}
	se := source.SyntaxAt(f, off, "cannot parse: "+msg.Text)
	return se
}

// genOffset returns where b (a slice of the parser's buffer) starts in gen.
func (d *jsDoc) genOffset(b []byte) (int, bool) {
	if len(b) == 0 || len(d.gen) == 0 {
		return 0, false
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(d.gen)))
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	if p < start || p >= start+uintptr(len(d.gen)) {
		return 0, false
	}
	return int(p - start), true
}

// origOffset maps an offset in the generated code back to the original.
func (d *jsDoc) origOffset(genOff int) (int, bool) {
	pos := d.gf.Position(genOff)
	lineStart := d.gf.LineStart(genOff)
	col := utf16Col(d.gen[lineStart:genOff])
	m, ok := d.sm.find(pos.Line-1, col)
	if !ok {
		return 0, false
	}
	origCol := m.origCol + (col - m.genCol)
	start := d.file.Offset(m.origLine+1, 1)
	end := start
	for end < len(d.file.Data) && d.file.Data[end] != '\n' {
		end++
	}
	return start + byteOffsetAtUTF16(d.file.Data[start:end], origCol), true
}

// literalSpan finds the original span of the string or template literal
// whose generated token starts at tok: the mapped offset, then the
// literal's own extent lexed from the original text.
func (d *jsDoc) literalSpan(tok []byte) (source.Span, bool) {
	g, ok := d.genOffset(tok)
	if !ok {
		return source.Span{}, false
	}
	o, ok := d.origOffset(g)
	if !ok {
		return source.Span{}, false
	}
	data := d.file.Data
	for o < len(data) && data[o] != '"' && data[o] != '\'' && data[o] != '`' && data[o] != '\n' {
		o++ // the mapping may point at a JSX attribute or a lowered node
	}
	if o >= len(data) || data[o] == '\n' {
		return source.Span{}, false
	}
	return source.Span{File: d.file, Start: o, End: literalEnd(data, o)}, true
}

// literalEnd returns the offset after the quote that closes the literal
// opening at start (templates: matching nested ${ } and inner literals).
func literalEnd(b []byte, start int) int {
	q := b[start]
	for i := start + 1; i < len(b); i++ {
		switch c := b[i]; {
		case c == '\\':
			i++
		case c == q:
			return i + 1
		case c == '\n' && q != '`':
			return i
		case q == '`' && c == '$' && i+1 < len(b) && b[i+1] == '{':
			i = skipBraces(b, i+1)
		}
	}
	return len(b)
}

func skipBraces(b []byte, open int) int {
	depth := 0
	for i := open; i < len(b); i++ {
		switch c := b[i]; c {
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return i
			}
		case '"', '\'', '`':
			i = literalEnd(b, i) - 1
		}
	}
	return len(b)
}

// CheckSyntax reports the first syntax error of a JS/TS file, or nil.
func CheckSyntax(f *source.File) *source.SyntaxError {
	_, se := parseJS(f)
	return se
}
