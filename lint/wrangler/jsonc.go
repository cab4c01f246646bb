package wrangler

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tailscale/hujson"
	"github.com/wranglint/wranglint/lint/source"
)

// maxNesting bounds how deep a config may nest. hujson parses recursively;
// no real config comes near this, and the bound keeps memory small.
const maxNesting = 1000

// ParseJSONC parses a wrangler.json or wrangler.jsonc file as wrangler does
// (JSON with comments and trailing commas) into a Node tree.
func ParseJSONC(f *source.File) (*Node, error) {
	data := f.Data
	if source.HasBOM(data) {
		data = data[3:]
	}
	if off, ok := tooDeep(data); ok {
		return nil, source.SyntaxAt(f, off+len(f.Data)-len(data), fmt.Sprintf("nesting deeper than %d levels", maxNesting))
	}
	if !utf8.Valid(data) {
		return nil, source.SyntaxAt(f, invalidUTF8(f.Data), "invalid UTF-8")
	}
	v, err := hujson.Parse(data)
	if err != nil && endsInLineComment(data) {
		// a // comment ends at the end of the input too (jsonc-parser, as
		// wrangler reads it); hujson wants a newline. Offsets are unchanged.
		v, err = hujson.Parse(append(slices.Clip(data), '\n'))
	}
	if err != nil {
		return nil, jsoncError(f, len(f.Data)-len(data), err)
	}
	base := len(f.Data) - len(data)
	root := convertJSON(f, base, &v)
	if root.Kind != KindObject {
		return nil, source.SyntaxAt(f, base+v.StartOffset, "the configuration must be a JSON object")
	}
	return root, nil
}

// endsInLineComment: the last line holds a // comment outside strings.
func endsInLineComment(data []byte) bool {
	cs := jsonComments(data)
	return len(cs) > 0 && cs[len(cs)-1].End == len(data) && strings.HasPrefix(string(data[cs[len(cs)-1].Start:]), "//")
}

func convertJSON(f *source.File, base int, v *hujson.Value) *Node {
	n := &Node{Span: source.Span{File: f, Start: base + v.StartOffset, End: base + v.EndOffset}}
	switch t := v.Value.(type) {
	case *hujson.Object:
		n.Kind = KindObject
		for i := range t.Members {
			m := &t.Members[i]
			key := m.Name.Value.(hujson.Literal)
			n.Members = append(n.Members, &Member{
				Key:     key.String(),
				KeySpan: source.Span{File: f, Start: base + m.Name.StartOffset, End: base + m.Name.EndOffset},
				Value:   convertJSON(f, base, &m.Value),
			})
		}
	case *hujson.Array:
		n.Kind = KindArray
		for i := range t.Elements {
			n.Items = append(n.Items, convertJSON(f, base, &t.Elements[i]))
		}
	case hujson.Literal:
		switch t.Kind() {
		case 'n':
			n.Kind = KindNull
		case 't', 'f':
			n.Kind, n.Bool = KindBool, t.Bool()
		case '"':
			n.Kind, n.Str = KindString, t.String()
		case '0':
			n.Kind, n.Str = KindNumber, string(t)
		}
	}
	return n
}

// tooDeep finds the offset where brackets first nest past maxNesting,
// skipping strings and comments.
func tooDeep(b []byte) (int, bool) {
	depth := 0
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '"':
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case '/':
			if i+1 < len(b) && b[i+1] == '/' {
				for i < len(b) && b[i] != '\n' {
					i++
				}
			} else if i+1 < len(b) && b[i+1] == '*' {
				for i += 2; i+1 < len(b) && !(b[i] == '*' && b[i+1] == '/'); i++ {
				}
				i++
			}
		case '{', '[':
			if depth++; depth > maxNesting {
				return i, true
			}
		case '}', ']':
			depth--
		}
	}
	return 0, false
}

func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return 0
}

var hujsonPos = source.LazyRegexp(`^hujson: line (\d+), column (\d+): (.*)$`)

// jsoncError turns hujson's "line L, column C" (C in bytes) into a span.
func jsoncError(f *source.File, base int, err error) error {
	msg := err.Error()
	off := len(f.Data)
	if m := hujsonPos().FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		msg = m[3]
		sub := source.NewFile(f.Path, f.Rel, f.Data[base:])
		off = base + sub.Offset(line, col)
	}
	return source.SyntaxAt(f, off, "invalid JSONC: "+msg)
}
