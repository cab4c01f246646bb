package lint

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
	"github.com/wranglint/wranglint/lint/source"
)

// Inline suppressions, in any config or script:
//
//	// wranglint-disable-next-line rule-id[, rule-id] -- reason
//	// wranglint-disable rule-id -- reason      (before any code: the whole file)
//
// (`#` in TOML). Comments are found with each format's own lexical rules,
// so a directive inside a string is text, not a directive.

const (
	directivePrefix = "wranglint-"
	disableNextLine = "wranglint-disable-next-line"
	disableFile     = "wranglint-disable"
	reasonSeparator = "--"
)

// comment is one comment of a file: its byte range and whether only
// comments and blank space come before it.
type comment struct {
	start, end int
	beforeCode bool
}

// directive is one parsed wranglint comment.
type directive struct {
	file     *source.File
	span     source.Span // the whole comment
	name     string      // wranglint-disable or wranglint-disable-next-line
	nameSpan source.Span
	fileWide bool
	line     int // the line a next-line directive covers
	ids      []directiveID
	reason   string
}

// directiveID is one rule id a directive names.
type directiveID struct {
	id   string
	span source.Span
	used bool
	bad  bool // unknown or not suppressible: reported, never unused
}

// fileDirectives finds the directives of one file, and the problems with
// them (unknown directives or rule ids, misplaced file-wide ones).
//
// inText (nil for configs) says where the file's parse found text (strings
// and JSX text holding "wranglint-"): a comment the lexer finds there is
// not one, whatever the lexer made of the lines before it.
func fileDirectives(f *source.File, known map[string]bool, inText func(int) bool) ([]*directive, []Diagnostic) {
	if !f.Has(directivePrefix) {
		return nil, nil
	}
	var out []*directive
	var problems []Diagnostic
	for _, c := range commentsOf(f) {
		if inText != nil && inText(c.start) {
			continue
		}
		d, diags := parseDirective(f, c, known)
		problems = append(problems, diags...)
		if d != nil {
			out = append(out, d)
		}
	}
	return out, problems
}

// commentsOf lists a file's comments with the lexer its kind calls for.
func commentsOf(f *source.File) []comment {
	data := f.Data
	switch ext := strings.ToLower(filepath.Ext(f.Path)); {
	case ext == ".toml":
		return tomlComments(data)
	case ext == ".json" || ext == ".jsonc":
		return jsoncComments(data)
	case source.IsScript(f.Path):
		return jsComments(data)
	}
	return nil
}

// commentBody returns the text inside a comment's delimiters and its
// offset in the comment.
func commentBody(raw string) (string, int) {
	switch {
	case strings.HasPrefix(raw, "//"):
		return raw[2:], 2
	case strings.HasPrefix(raw, "/*"):
		body := strings.TrimSuffix(raw[2:], "*/")
		trimmed := strings.TrimLeft(body, "*") // /** jsdoc style */
		return trimmed, 2 + len(body) - len(trimmed)
	case strings.HasPrefix(raw, "#"):
		return raw[1:], 1
	}
	return "", 0
}

// parseDirective reads a comment; nil when it is not a wranglint one.
func parseDirective(f *source.File, c comment, known map[string]bool) (*directive, []Diagnostic) {
	raw := string(f.Data[c.start:c.end])
	body, off := commentBody(raw)
	lead := len(body) - len(strings.TrimLeft(body, " \t"))
	body, off = strings.TrimRight(body[lead:], " \t\r\n"), c.start+off+lead
	if !strings.HasPrefix(body, directivePrefix) {
		return nil, nil
	}
	name := body
	if i := strings.IndexAny(body, " \t\r\n"); i >= 0 {
		name = body[:i]
	}
	nameSpan := source.Span{File: f, Start: off, End: off + len(name)}
	d := &directive{file: f, span: source.Span{File: f, Start: c.start, End: c.end}, name: name, nameSpan: nameSpan}
	switch name {
	case disableFile:
		d.fileWide = true
		if !c.beforeCode {
			return nil, []Diagnostic{invalidSuppression(nameSpan, "wranglint-disable applies to the whole file, so it must come before any code, where it is read first; move it to the top of the file, or use wranglint-disable-next-line here")}
		}
	case disableNextLine:
		d.line = f.Position(c.end).Line + 1
	default:
		msg := "unknown directive " + source.Quote(name)
		if near := source.Closest(name, []string{disableFile, disableNextLine}, 6); near != "" {
			msg += " (did you mean " + source.Quote(near) + "?)"
		}
		return nil, []Diagnostic{invalidSuppression(nameSpan, msg+": it suppresses nothing; write wranglint-disable-next-line RULE (the next line) or wranglint-disable RULE (the whole file, at its top)")}
	}
	rest := body[len(name):]
	idsText, reason, _ := strings.Cut(rest, reasonSeparator)
	d.reason = strings.TrimSpace(reason)
	problems := d.parseIDs(idsText, off+len(name), known)
	if len(d.ids) == 0 && len(problems) == 0 {
		problems = append(problems, invalidSuppression(nameSpan, name+" names no rule, so it suppresses nothing: list the rule ids it is for, such as "+name+" unknown-field -- why"))
	}
	return d, problems
}

// parseIDs reads the comma- or space-separated rule ids that start at
// byte offset base of the file.
func (d *directive) parseIDs(text string, base int, known map[string]bool) []Diagnostic {
	var problems []Diagnostic
	i := 0
	for i < len(text) {
		if c := text[i]; c == ' ' || c == '\t' || c == ',' || c == '\r' || c == '\n' || c == '*' {
			i++
			continue
		}
		j := i
		for j < len(text) && !strings.ContainsRune(" \t,\r\n", rune(text[j])) {
			j++
		}
		id := directiveID{id: text[i:j], span: source.Span{File: d.file, Start: base + i, End: base + j}}
		if msg := checkSuppressible(id.id, known); msg != "" {
			id.bad = true
			problems = append(problems, invalidSuppression(id.span, msg))
		}
		d.ids = append(d.ids, id)
		i = j
	}
	return problems
}

// checkSuppressible says what is wrong with naming id in a directive.
func checkSuppressible(id string, known map[string]bool) string {
	switch {
	case known[id]:
		return ""
	case isEngineRule(id):
		return source.Quote(id) + " is the engine's own finding and cannot be suppressed inline; fix the problem it reports (or set \"" + UnusedSuppressionRule + "\": \"off\" in .wranglint.jsonc for unused suppressions)"
	}
	msg := "no rule " + source.Quote(id)
	if near := source.Closest(id, source.SortedKeys(known), 6); near != "" {
		msg += " (did you mean " + source.Quote(near) + "?)"
	}
	return msg + ": the suppression suppresses nothing; `wranglint rules` lists the rule ids"
}

func invalidSuppression(span source.Span, msg string) Diagnostic {
	return Diagnostic{Rule: InvalidSuppressionRule, Severity: SeverityError, Span: span, Message: msg}
}

// covers reports whether d suppresses a finding of rule at line, marking
// the id used.
func (d *directive) covers(rule string, line int) bool {
	if !d.fileWide && d.line != line {
		return false
	}
	for i := range d.ids {
		if d.ids[i].id == rule && !d.ids[i].bad {
			d.ids[i].used = true
			return true
		}
	}
	return false
}

// jsoncComments finds // and /* */ comments outside JSON strings.
func jsoncComments(b []byte) []comment {
	var out []comment
	code := false
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			code = true
			for i++; i < len(b) && b[i] != '"' && b[i] != '\n'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case c == '/' && i+1 < len(b) && b[i+1] == '/':
			end := lineEnd(b, i)
			out = append(out, comment{i, end, !code})
			i = end - 1
		case c == '/' && i+1 < len(b) && b[i+1] == '*':
			end := blockEnd(b, i+2)
			out = append(out, comment{i, end, !code})
			i = end - 1
		case !isSpace(c) && !(i < 3 && source.HasBOM(b)):
			code = true
		}
	}
	return out
}

// tomlComments finds # comments outside TOML's four kinds of strings.
func tomlComments(b []byte) []comment {
	var out []comment
	code := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '#':
			end := lineEnd(b, i)
			out = append(out, comment{i, end, !code})
			i = end - 1
		case c == '"' || c == '\'':
			code = true
			i = tomlStringEnd(b, i) - 1
		case !isSpace(c) && !(i < 3 && source.HasBOM(b)):
			code = true
		}
	}
	return out
}

// tomlStringEnd returns the offset just past the string starting at i.
func tomlStringEnd(b []byte, i int) int {
	q := b[i]
	escapes := q == '"'
	if bytes.HasPrefix(b[i:], []byte{q, q, q}) {
		for j := i + 3; j < len(b); j++ {
			if escapes && b[j] == '\\' {
				j++
				continue
			}
			if bytes.HasPrefix(b[j:], []byte{q, q, q}) {
				end := j + 3
				for k := 0; k < 2 && end < len(b) && b[end] == q; k++ {
					end++ // up to two quotes may end the content: """a"""""
				}
				return end
			}
		}
		return len(b)
	}
	for j := i + 1; j < len(b); j++ {
		switch {
		case escapes && b[j] == '\\':
			j++
		case b[j] == q:
			return j + 1
		case b[j] == '\n':
			return j
		}
	}
	return len(b)
}

// jsComments lexes JavaScript or TypeScript with tdewolff's lexer. The
// lexer needs to be told where a / starts a regular expression, which
// follows the previous token; JSX text the lexer cannot read (an
// apostrophe in <p>Don't</p>) makes it resume at the next line.
func jsComments(data []byte) []comment {
	var out []comment
	base := 0
	if bytes.HasPrefix(data, []byte("#!")) {
		base = lineEnd(data, 0)
	}
	code := false
	for base < len(data) {
		var next int
		out, code, next = lexComments(data, base, out, code)
		base = next
	}
	return out
}

// lexComments lexes from base until the end or an error; it returns
// where to resume.
func lexComments(data []byte, base int, out []comment, code bool) ([]comment, bool, int) {
	chunk := data[base:len(data):len(data)] // the lexer appends a NUL: never into the file's bytes
	in := parse.NewInputBytes(chunk)
	l := js.NewLexer(in)
	prev := js.ErrorToken
	for {
		tt, text := l.Next()
		if (tt == js.DivToken || tt == js.DivEqToken) && startsRegExp(prev) {
			tt, text = l.RegExp()
		}
		end := base + in.Offset()
		switch {
		case tt == js.ErrorToken:
			if l.Err() == io.EOF {
				return out, code, len(data)
			}
			return out, true, lineEnd(data, max(end-1, base)) + 1
		case tt == js.CommentToken || tt == js.CommentLineTerminatorToken:
			start := end - len(text)
			out = append(out, comment{start, end, !code})
		case tt == js.WhitespaceToken || tt == js.LineTerminatorToken:
		default:
			code, prev = true, tt
		}
	}
}

// startsRegExp reports whether a / after prev begins a regular
// expression rather than a division. After `<` it is a JSX closing tag.
func startsRegExp(prev js.TokenType) bool {
	switch prev {
	case js.StringToken, js.TemplateToken, js.TemplateEndToken, js.RegExpToken, js.PrivateIdentifierToken,
		js.CloseParenToken, js.CloseBracketToken, js.CloseBraceToken, js.LtToken,
		js.ThisToken, js.SuperToken, js.TrueToken, js.FalseToken, js.NullToken:
		return false
	}
	return !js.IsNumeric(prev) && !js.IsIdentifier(prev)
}

func lineEnd(b []byte, i int) int {
	if j := bytes.IndexByte(b[i:], '\n'); j >= 0 {
		end := i + j
		if end > i && b[end-1] == '\r' {
			end--
		}
		return end
	}
	return len(b)
}

func blockEnd(b []byte, i int) int {
	if j := bytes.Index(b[i:], []byte("*/")); j >= 0 {
		return i + j + 2
	}
	return len(b)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
