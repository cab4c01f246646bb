// Package jscode is the JavaScript and TypeScript layer: esbuild turns each
// file into plain JavaScript with a source map, tdewolff/parse gives the
// syntax tree, and the scanner reads the facts rules need (client
// references, routing calls, exports, classes, env uses, stub fetches, MCP
// serves) with positions mapped back to the original text. Each Worker's
// module graph is a walk over the files' import records, resolved by
// lint/resolve as wrangler's bundler resolves them (graph.go).
package jscode

import (
	"bytes"
	"path/filepath"
	"strings"
	"unsafe"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
	"github.com/wranglint/wranglint/lint/source"
)

// jsDoc is a JS/TS/JSX/TSX file parsed by tdewolff/parse, with the way
// back to original offsets: plain JavaScript is parsed as it is (offsets
// are the file's own), anything else is first turned into plain
// JavaScript by esbuild, with a source map.
type jsDoc struct {
	file *source.File
	gen  []byte       // the parser's buffer: the file itself, or esbuild's output
	gf   *source.File // index of gen, for line/column lookups (esbuild output only)
	sm   *sourceMap   // nil when gen is the file itself
	ast  *js.AST
	// mf is the text esbuild read, when not the file itself: a component
	// file's scripts with the rest blanked, byte for byte in place (its
	// UTF-16 columns, which the source map counts, may differ).
	mf *source.File
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

// plainJS: extensions whose files are JavaScript as it is, unless they
// hold JSX (which tdewolff/parse does not read; esbuild then lowers it).
func plainJS(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".js", ".mjs", ".cjs":
		return true
	}
	return false
}

// transformOptions are built once: esbuild validates options on every
// call, so the fewer the cheaper. Target ES2024 lowers `using`
// declarations, which tdewolff/parse does not know; no sourcesContent.
var transformOptions = api.TransformOptions{
	Sourcemap:      api.SourceMapExternal,
	SourcesContent: api.SourcesContentExclude,
	Target:         api.ES2024,
	Sourcefile:     "x",
	TsconfigRaw:    `{"compilerOptions":{"experimentalDecorators":true}}`,
	LogLevel:       api.LogLevelSilent,
}

// parseJS parses f once. A syntax error is returned with the original
// position esbuild reported.
func parseJS(f *source.File) (*jsDoc, *source.SyntaxError) {
	if se := checkNesting(f); se != nil {
		se.Msg = "cannot parse: " + se.Msg
		return nil, se
	}
	if plainJS(f.Path) {
		if doc := parseDirect(f, f.Data); doc != nil {
			return doc, nil
		}
	}
	loader := loaderFor(f.Path)
	doc, errs := transformParse(f, f.Data, loader, transformOptions)
	if len(errs) > 0 && loader == api.LoaderJSX && filepath.Ext(f.Path) != ".jsx" {
		// A .js file that is not JSX (for example one using "<" generics-free
		// comparisons the JSX loader rejects): try plain JavaScript.
		doc, errs = transformParse(f, f.Data, api.LoaderJS, transformOptions)
	}
	if len(errs) > 0 {
		return nil, esbuildSyntaxError(f, errs[0])
	}
	return doc, nil
}

// transformParse turns src (f's text, or a text of the same bytes in
// place) into plain JavaScript with esbuild and parses that. It returns
// esbuild's errors; a nil doc without errors is a file esbuild accepts but
// the tree parser does not, which is skipped rather than reported as broken.
func transformParse(f *source.File, src []byte, loader api.Loader, opts api.TransformOptions) (*jsDoc, []api.Message) {
	opts.Loader = loader
	res := api.Transform(string(src), opts)
	if len(res.Errors) > 0 {
		return nil, res.Errors
	}
	sm, ok := newSourceMap(res.Map)
	if !ok {
		return nil, []api.Message{{Text: "internal error: esbuild produced an unreadable source map"}}
	}
	gen := make([]byte, len(res.Code), len(res.Code)+1)
	copy(gen, res.Code)
	ast, err := js.Parse(parse.NewInputBytes(gen), js.Options{})
	if err != nil {
		return nil, nil
	}
	doc := &jsDoc{file: f, gen: gen, gf: source.NewFile("", "", gen), sm: sm, ast: ast}
	if unsafe.SliceData(src) != unsafe.SliceData(f.Data) {
		doc.mf = source.NewFile("", "", src)
	}
	return doc, nil
}

// parseDirect parses plain JavaScript (f's text, or one of the same bytes
// in place) without esbuild, or returns nil when tdewolff/parse cannot
// (JSX in a .js file, syntax it does not know): the caller then asks
// esbuild, whose verdict on errors is the one reported.
func parseDirect(f *source.File, src []byte) *jsDoc {
	buf := make([]byte, len(src), len(src)+1) // the parser may write a NUL past the end
	copy(buf, src)
	ast, err := js.Parse(parse.NewInputBytes(buf), js.Options{})
	if err != nil {
		return nil
	}
	return &jsDoc{file: f, gen: buf, ast: ast}
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
// Both files' column indexes make it cost the same on a megabyte line as
// on a short one.
func (d *jsDoc) origOffset(genOff int) (int, bool) {
	if d.sm == nil {
		return genOff, genOff <= len(d.file.Data)
	}
	col := d.gf.UTF16Col(genOff)
	m, ok := d.sm.find(d.gf.LineIndex(genOff), col)
	if !ok {
		return 0, false
	}
	genCol := int(m.genCol)
	// esbuild places a statement's mapping before the line's indentation:
	// it points at the statement's first token, after the indentation.
	if indent := d.genIndent(genOff); genCol < indent && col >= indent {
		genCol = indent
	}
	mf := d.file
	if d.mf != nil {
		mf = d.mf
	}
	return mf.OffsetAtUTF16(int(m.origLine), int(m.origCol)+col-genCol), true
}

// genIndent is the width of the indentation of genOff's line in the
// generated code (spaces and tabs: one UTF-16 unit each).
func (d *jsDoc) genIndent(genOff int) int {
	i := d.gf.LineStart(genOff)
	start := i
	for i < len(d.gen) && (d.gen[i] == ' ' || d.gen[i] == '\t') {
		i++
	}
	return i - start
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

// CheckSyntax reports the first syntax error of a JS/TS file, or nil. In a
// component file (.svelte, .vue, .astro), a script that cannot be read is
// one.
func CheckSyntax(f *source.File) *source.SyntaxError {
	if kind := componentKind(f.Path); kind != "" {
		for _, blocks := range componentModules(f.Data, kind) {
			if doc, why := parseComponentModule(f, blocks, kind); doc == nil {
				return source.SyntaxAt(f, blocks[0].start, "cannot parse the script: "+why)
			}
		}
		return nil
	}
	_, se := parseJS(f)
	return se
}

// Nesting limits for JavaScript and TypeScript. esbuild and tdewolff/parse
// recurse once per level: 100,000 nested parentheses cost 500 MB of stack,
// 300,000 overflow it and kill the process. No real code comes near.
const (
	maxJSNesting = 1000  // brackets, template literals, JSX elements
	maxJSChain   = 10000 // the above plus pending ?:, => and prefix operators
)

// checkNesting reports a file nested deeper than the parsers are given.
func checkNesting(f *source.File) *source.SyntaxError {
	off, msg := jsNesting(f.Data, jsxAllowed(f.Path))
	if off < 0 {
		return nil
	}
	return source.SyntaxAt(f, off, msg)
}

// jsxAllowed: the loaders that parse JSX (plain .js is tried as JSX).
func jsxAllowed(path string) bool { return loaderFor(path) != api.LoaderTS }

type nestKind byte

const (
	nestParen nestKind = iota
	nestBracket
	nestBrace
	nestTemplate    // inside a template literal's text
	nestJSXTag      // inside <Tag ...>
	nestJSXChildren // between <Tag> and </Tag>
)

type nestFrame struct {
	kind  nestKind
	chain int // pending conditionals and arrows in this frame
}

// nester measures nesting with a light lexer: strings, comments, regular
// expressions (by the usual heuristic), template literals and JSX text are
// skipped, so that only real structure counts. It never fails; on code it
// misreads it can only err on one line's worth of brackets.
type nester struct {
	b         []byte
	jsx       bool
	stack     []nestFrame
	chains    int  // sum of the frames' chains
	prefix    int  // current run of prefix operators
	exprStart bool // the next token starts an expression
}

// jsNesting returns the offset where b nests too deep and why, or -1.
func jsNesting(b []byte, jsx bool) (int, string) {
	n := &nester{b: b, jsx: jsx, exprStart: true, stack: []nestFrame{{kind: nestBrace}}}
	for i := 0; i < len(b); {
		next := n.step(i)
		if n.depth() > maxJSNesting {
			return i, "nesting deeper than " + source.Itoa(maxJSNesting) + " levels (brackets, template literals or JSX elements)"
		}
		if n.depth()+n.chains+n.prefix > maxJSChain {
			return i, "an expression nested deeper than " + source.Itoa(maxJSChain) + " levels (operators, conditionals or arrow functions)"
		}
		i = next
	}
	return -1, ""
}

// depth is the number of open brackets, templates and elements (the
// first frame is the file itself).
func (n *nester) depth() int { return len(n.stack) - 1 }

func (n *nester) top() *nestFrame { return &n.stack[len(n.stack)-1] }

func (n *nester) push(k nestKind) {
	n.top().chain += n.prefix // prefix operators wait for what the bracket holds
	n.chains += n.prefix
	n.prefix = 0
	n.stack = append(n.stack, nestFrame{kind: k})
	n.exprStart = true
}

func (n *nester) pop() {
	if n.depth() == 0 {
		return // a stray closing bracket: esbuild reports it
	}
	n.chains -= n.top().chain
	n.stack = n.stack[:len(n.stack)-1]
}

// resetChain ends the frame's pending conditionals and arrows (at , ; and
// line ends).
func (n *nester) resetChain() {
	t := n.top()
	n.chains -= t.chain
	t.chain = 0
	n.prefix = 0
}

// step consumes one token at i and returns where the next starts.
func (n *nester) step(i int) int {
	switch n.top().kind {
	case nestTemplate:
		return n.templateText(i)
	case nestJSXTag:
		return n.jsxTag(i)
	case nestJSXChildren:
		return n.jsxChildren(i)
	}
	return n.jsToken(i)
}

func (n *nester) jsToken(i int) int {
	b := n.b
	c := b[i]
	switch {
	case c == '\n':
		n.resetChain()
		return i + 1
	case c == ' ' || c == '\t' || c == '\r':
		return i + 1
	case c == '/' && i+1 < len(b) && b[i+1] == '/':
		return skipLine(b, i)
	case c == '/' && i+1 < len(b) && b[i+1] == '*':
		if end := bytes.Index(b[i+2:], []byte("*/")); end >= 0 {
			return i + 2 + end + 2
		}
		return len(b)
	case c == '/' && n.exprStart:
		n.exprStart, n.prefix = false, 0
		return skipRegexp(b, i)
	case c == '"' || c == '\'':
		n.exprStart, n.prefix = false, 0
		return skipQuoted(b, i)
	case c == '`':
		n.push(nestTemplate)
		return i + 1
	case c == '(' || c == '[' || c == '{':
		n.push(bracketKind(c))
		return i + 1
	case c == ')' || c == ']' || c == '}':
		return n.closeBracket(i, c)
	case c == '<' && n.jsx && n.exprStart && i+1 < len(b) && (b[i+1] == '>' || isWordByte(b[i+1])):
		n.push(nestJSXTag)
		return i + 1
	}
	return n.operatorOrWord(i)
}

func (n *nester) closeBracket(i int, c byte) int {
	if n.top().kind == bracketKind(c) {
		n.pop()
	}
	n.exprStart, n.prefix = c == '}', 0
	return i + 1
}

func bracketKind(c byte) nestKind {
	switch c {
	case '(', ')':
		return nestParen
	case '[', ']':
		return nestBracket
	}
	return nestBrace
}

// prefixWords are keywords that take an operand after them.
var prefixWords = map[string]bool{"typeof": true, "void": true, "delete": true, "await": true, "new": true, "yield": true}

// exprWords are keywords after which an expression starts.
var exprWords = map[string]bool{"return": true, "case": true, "do": true, "else": true, "in": true, "of": true,
	"instanceof": true, "throw": true, "extends": true}

func (n *nester) operatorOrWord(i int) int {
	b := n.b
	c := b[i]
	switch {
	case isWordByte(c):
		j := i + 1
		for j < len(b) && isWordByte(b[j]) {
			j++
		}
		w := string(b[i:j])
		switch {
		case prefixWords[w]:
			n.prefix++
			n.exprStart = true
		case exprWords[w]:
			n.exprStart, n.prefix = true, 0
		default:
			n.exprStart, n.prefix = false, 0
		}
		return j
	case c == ',' || c == ';':
		n.resetChain()
		n.exprStart = true
	case c == '?':
		if i+1 < len(b) && b[i+1] == '.' && !(i+2 < len(b) && b[i+2] >= '0' && b[i+2] <= '9') {
			n.exprStart = false
			return i + 2 // optional chaining
		}
		if i+1 < len(b) && b[i+1] == '?' {
			n.exprStart = true
			return i + 2
		}
		n.addChain()
	case c == '=' && i+1 < len(b) && b[i+1] == '>':
		n.addChain()
		return i + 2
	case c == '!' || c == '~':
		n.prefix++
		n.exprStart = true
	case (c == '+' || c == '-') && n.exprStart:
		n.prefix++
	case c == '.' && !(i+2 < len(b) && b[i+1] == '.' && b[i+2] == '.'):
		n.exprStart = false
	default: // binary operators, :, spread
		n.exprStart, n.prefix = true, 0
	}
	return i + 1
}

func (n *nester) addChain() {
	n.top().chain++
	n.chains++
	n.exprStart, n.prefix = true, 0
}

// templateText skips a template literal's text up to its end or a ${.
func (n *nester) templateText(i int) int {
	b := n.b
	for ; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '`':
			n.pop()
			n.exprStart = false
			return i + 1
		case '$':
			if i+1 < len(b) && b[i+1] == '{' {
				n.push(nestBrace)
				return i + 2
			}
		}
	}
	return len(b)
}

// jsxTag skips a JSX tag's name and attributes.
func (n *nester) jsxTag(i int) int {
	b := n.b
	switch c := b[i]; {
	case c == '"' || c == '\'':
		if end := bytes.IndexByte(b[i+1:], c); end >= 0 {
			return i + 1 + end + 1
		}
		return len(b)
	case c == '{':
		n.push(nestBrace)
	case c == '/' && i+1 < len(b) && b[i+1] == '>':
		n.pop()
		n.exprStart = false
		return i + 2
	case c == '>':
		n.top().kind = nestJSXChildren
	}
	return i + 1
}

// jsxChildren skips JSX text up to a child element, a closing tag or an
// expression container.
func (n *nester) jsxChildren(i int) int {
	b := n.b
	for ; i < len(b); i++ {
		switch b[i] {
		case '{':
			n.push(nestBrace)
			return i + 1
		case '<':
			if i+1 < len(b) && b[i+1] == '/' {
				end := bytes.IndexByte(b[i:], '>')
				n.pop()
				n.exprStart = false
				if end < 0 {
					return len(b)
				}
				return i + end + 1
			}
			n.push(nestJSXTag)
			return i + 1
		}
	}
	return len(b)
}

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func skipLine(b []byte, i int) int {
	if end := bytes.IndexByte(b[i:], '\n'); end >= 0 {
		return i + end
	}
	return len(b)
}

// skipQuoted skips a string literal (which cannot span lines).
func skipQuoted(b []byte, i int) int {
	q := b[i]
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case q:
			return i + 1
		case '\n':
			return i
		}
	}
	return len(b)
}

// skipRegexp skips a regular expression literal, classes included.
func skipRegexp(b []byte, i int) int {
	inClass := false
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '[':
			inClass = true
		case ']':
			inClass = false
		case '/':
			if !inClass {
				return i + 1
			}
		case '\n':
			return i
		}
	}
	return len(b)
}
