package wrangler

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"github.com/wranglint/wranglint/lint/source"
)

// ParseTOML parses a wrangler.toml into a Node tree. go-toml's decoder
// validates the document (duplicate keys, redefined tables); its unstable
// parser gives the byte ranges the tree keeps.
func ParseTOML(f *source.File) (*Node, error) {
	if !utf8.Valid(f.Data) {
		return nil, source.SyntaxAt(f, invalidUTF8(f.Data), "invalid UTF-8")
	}
	if off, ok := tooDeep(f.Data); ok {
		return nil, source.SyntaxAt(f, off, fmt.Sprintf("nesting deeper than %d levels", maxNesting))
	}
	if off, ok := tooManyEntries(f); ok {
		return nil, tooManyEntriesError(f, off)
	}
	var probe map[string]any
	if err := toml.Unmarshal(f.Data, &probe); err != nil {
		return nil, tomlError(f, err)
	}
	b := &tomlBuilder{f: f, root: &Node{Kind: KindObject, Span: source.Span{File: f, Start: 0, End: len(f.Data)}}}
	b.current = b.root
	p := &unstable.Parser{}
	p.Reset(f.Data)
	for p.NextExpression() {
		if err := b.expression(p, p.Expression()); err != nil {
			return nil, err
		}
	}
	if err := p.Error(); err != nil {
		return nil, tomlError(f, err)
	}
	return b.root, nil
}

type tomlBuilder struct {
	f       *source.File
	root    *Node
	current *Node
}

func (b *tomlBuilder) span(r unstable.Range) source.Span {
	return source.Span{File: b.f, Start: int(r.Offset), End: int(r.Offset + r.Length)}
}

func (b *tomlBuilder) expression(p *unstable.Parser, e *unstable.Node) error {
	switch e.Kind {
	case unstable.KeyValue:
		return b.keyValue(b.current, e)
	case unstable.Table:
		keys := keyParts(e.Key())
		obj, err := b.descend(b.root, keys, len(keys))
		if obj != nil {
			obj.Tables = true
		}
		b.current = obj
		return err
	case unstable.ArrayTable:
		keys := keyParts(e.Key())
		parent, err := b.descend(b.root, keys, len(keys)-1)
		if err != nil {
			return err
		}
		last := keys[len(keys)-1]
		m := parent.Member(string(last.Data))
		if m == nil {
			m = &Member{Key: string(last.Data), KeySpan: b.span(last.Raw), Value: &Node{Kind: KindArray, Span: b.span(last.Raw), Tables: true}}
			parent.Members = append(parent.Members, m)
		}
		obj := &Node{Kind: KindObject, Span: b.span(last.Raw), Tables: true}
		m.Value.Items = append(m.Value.Items, obj)
		b.current = obj
	}
	return nil
}

func keyParts(it unstable.Iterator) []*unstable.Node {
	var out []*unstable.Node
	for it.Next() {
		out = append(out, it.Node())
	}
	return out
}

// descend walks (creating objects as needed) the first n parts of a dotted
// key; an array of tables continues in its last element.
func (b *tomlBuilder) descend(obj *Node, keys []*unstable.Node, n int) (*Node, error) {
	for _, k := range keys[:n] {
		m := obj.Member(string(k.Data))
		if m == nil {
			m = &Member{Key: string(k.Data), KeySpan: b.span(k.Raw), Value: &Node{Kind: KindObject, Span: b.span(k.Raw)}}
			obj.Members = append(obj.Members, m)
		}
		next := m.Value
		if next.Kind == KindArray && len(next.Items) > 0 {
			next = next.Items[len(next.Items)-1]
		}
		if next.Kind != KindObject {
			return nil, source.SyntaxAt(b.f, int(k.Raw.Offset), fmt.Sprintf("key %q is not a table", k.Data))
		}
		obj = next
	}
	return obj, nil
}

func (b *tomlBuilder) keyValue(obj *Node, e *unstable.Node) error {
	keys := keyParts(e.Key())
	parent, err := b.descend(obj, keys, len(keys)-1)
	if err != nil {
		return err
	}
	last := keys[len(keys)-1]
	kvEnd := int(e.Raw.Offset + e.Raw.Length)
	val := b.value(e.Value(), int(last.Raw.Offset+last.Raw.Length), kvEnd)
	parent.Members = append(parent.Members, &Member{Key: string(last.Data), KeySpan: b.span(last.Raw), Value: val})
	return nil
}

// value converts a TOML value; after is where its key ended and end (when
// known, else -1) where the value ends, for containers without a range.
func (b *tomlBuilder) value(v *unstable.Node, after, end int) *Node {
	n := &Node{Span: b.span(v.Raw)}
	switch v.Kind {
	case unstable.String:
		n.Kind, n.Str = KindString, string(v.Data)
	case unstable.Bool:
		n.Kind, n.Bool = KindBool, string(v.Data) == "true"
	case unstable.Integer, unstable.Float:
		n.Kind, n.Str = KindNumber, string(v.Data)
	case unstable.LocalDate, unstable.LocalTime, unstable.LocalDateTime, unstable.DateTime:
		n.Kind, n.Str = KindDate, string(v.Data)
	case unstable.Array:
		n.Kind = KindArray
		start := b.skipTo(after, '[')
		pos := start + 1
		it := v.Children()
		for it.Next() {
			c := it.Node()
			if c.Kind == unstable.Comment {
				continue
			}
			item := b.value(c, pos, -1)
			n.Items = append(n.Items, item)
			pos = item.Span.End
		}
		n.Span = source.Span{File: b.f, Start: start, End: b.closing(pos, ']', end)}
	case unstable.InlineTable:
		n.Kind = KindObject
		start := int(v.Raw.Offset)
		pos := start + 1
		it := v.Children()
		for it.Next() {
			c := it.Node()
			if c.Kind != unstable.KeyValue {
				continue
			}
			_ = b.keyValue(n, c)
			pos = int(c.Raw.Offset + c.Raw.Length)
		}
		n.Span = source.Span{File: b.f, Start: start, End: b.closing(pos, '}', end)}
	}
	return n
}

// skipTo returns the offset of the first c at or after off.
func (b *tomlBuilder) skipTo(off int, c byte) int {
	for i := off; i < len(b.f.Data); i++ {
		if b.f.Data[i] == c {
			return i
		}
	}
	return off
}

// closing finds the bracket that ends a container whose last item ended at
// pos, skipping commas, whitespace and comments.
func (b *tomlBuilder) closing(pos int, c byte, end int) int {
	if end > 0 {
		return end
	}
	d := b.f.Data
	for i := pos; i < len(d); i++ {
		switch d[i] {
		case c:
			return i + 1
		case '#':
			for i < len(d) && d[i] != '\n' {
				i++
			}
		}
	}
	return len(d)
}

func tomlError(f *source.File, err error) error {
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, col := de.Position()
		off := f.Offset(line, 1)
		// go-toml counts columns in characters; step through runes.
		for i := 1; i < col && off < len(f.Data) && f.Data[off] != '\n'; i++ {
			_, size := utf8.DecodeRune(f.Data[off:])
			off += size
		}
		return source.SyntaxAt(f, off, "invalid TOML: "+de.Error())
	}
	var pe *unstable.ParserError
	if errors.As(err, &pe) {
		off := len(f.Data)
		if len(pe.Highlight) > 0 {
			off = cap(f.Data) - cap(pe.Highlight)
		}
		return source.SyntaxAt(f, off, "invalid TOML: "+pe.Message)
	}
	return source.SyntaxAt(f, 0, "invalid TOML: "+err.Error())
}
