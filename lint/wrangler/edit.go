package wrangler

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/wranglint/wranglint/lint/source"
)

// Structural edits for fixes: they add text next to existing values in the
// file's own style and never touch any other byte.

// newline returns the file's line ending.
func newline(f *source.File) string {
	if bytes.Contains(f.Data, []byte("\r\n")) {
		return "\r\n"
	}
	return "\n"
}

// indentOf returns the leading white space of the line holding off.
func indentOf(f *source.File, off int) string {
	start := f.LineStart(off)
	end := start
	for end < len(f.Data) && (f.Data[end] == ' ' || f.Data[end] == '\t') {
		end++
	}
	return string(f.Data[start:end])
}

// indentUnit guesses one level of indentation: a tab, or the smallest
// run of spaces that starts a line.
func indentUnit(f *source.File) string {
	best := 0
	for _, line := range bytes.Split(f.Data, []byte("\n")) {
		if len(line) > 0 && line[0] == '\t' {
			return "\t"
		}
		n := 0
		for n < len(line) && line[n] == ' ' {
			n++
		}
		if n > 0 && n < len(line) && (best == 0 || n < best) {
			best = n
		}
	}
	if best == 0 {
		best = 2
	}
	return strings.Repeat(" ", best)
}

// afterValue scans from off over white space and comments on the same
// line and reports whether a comma follows, where it ends, and where the
// line ends (before its line break).
func afterValue(f *source.File, off int) (comma bool, commaEnd, lineEnd int) {
	d := f.Data
	i := skipBlank(d, off, false)
	if i < len(d) && d[i] == ',' {
		comma, commaEnd = true, i+1
		i++
	}
	j := skipBlank(d, i, false)
	lineEnd = j
	if j < len(d) && (d[j] == '\n' || d[j] == '\r') {
		return comma, commaEnd, j
	}
	return comma, commaEnd, -1 // something else follows on the line
}

// skipBlank skips spaces, tabs and comments (// /* */ #); with lines it
// also skips line breaks.
func skipBlank(d []byte, i int, lines bool) int {
	for i < len(d) {
		switch {
		case d[i] == ' ' || d[i] == '\t':
			i++
		case lines && (d[i] == '\n' || d[i] == '\r'):
			i++
		case d[i] == '#' || (d[i] == '/' && i+1 < len(d) && d[i+1] == '/'):
			for i < len(d) && d[i] != '\n' && d[i] != '\r' {
				i++
			}
		case d[i] == '/' && i+1 < len(d) && d[i+1] == '*':
			end := bytes.Index(d[i+2:], []byte("*/"))
			if end < 0 {
				return len(d)
			}
			i += end + 4
		default:
			return i
		}
	}
	return i
}

// AppendItem adds item (already in the file's syntax) as the last element
// of arr, following the array's layout: one line, or one item per line.
func AppendItem(arr *Node, item string) []source.Edit {
	f := arr.Span.File
	if len(arr.Items) == 0 {
		open := arr.Span.Start + 1
		return []source.Edit{{File: f, Start: open, End: open, New: item}}
	}
	last := arr.Items[len(arr.Items)-1]
	comma, commaEnd, lineEnd := afterValue(f, last.Span.End)
	multiLine := bytes.ContainsAny(f.Data[arr.Span.Start:arr.Items[0].Span.Start], "\n")
	if !multiLine || lineEnd < 0 {
		if comma {
			return []source.Edit{{File: f, Start: commaEnd, End: commaEnd, New: " " + item + ","}}
		}
		return []source.Edit{{File: f, Start: last.Span.End, End: last.Span.End, New: ", " + item}}
	}
	line := newline(f) + indentOf(f, last.Span.Start) + item
	if comma {
		return []source.Edit{{File: f, Start: lineEnd, End: lineEnd, New: line + ","}}
	}
	if lineEnd == last.Span.End {
		return []source.Edit{{File: f, Start: lineEnd, End: lineEnd, New: "," + line}}
	}
	return []source.Edit{
		{File: f, Start: last.Span.End, End: last.Span.End, New: ","},
		{File: f, Start: lineEnd, End: lineEnd, New: line},
	}
}

// InsertMember adds `"key": value` as the last member of a JSONC object.
func InsertMember(obj *Node, key, value string) []source.Edit {
	f := obj.Span.File
	member := source.Quote(key) + ": " + value
	if len(obj.Members) == 0 {
		open := obj.Span.Start + 1
		inner := obj.Span.File.Data[open : obj.Span.End-1]
		if bytes.ContainsAny(inner, "\n") {
			return []source.Edit{{File: f, Start: open, End: open, New: newline(f) + indentOf(f, obj.Span.Start) + indentUnit(f) + member}}
		}
		return []source.Edit{{File: f, Start: open, End: open, New: " " + member + " "}}
	}
	items := &Node{Kind: KindArray, Span: obj.Span}
	for _, m := range obj.Members {
		// a member lays out from its key: indent and line breaks are the key's
		items.Items = append(items.Items, &Node{Span: source.Span{File: f, Start: m.KeySpan.Start, End: m.Value.Span.End}})
	}
	return AppendItem(items, member)
}

// JSONString renders s as a JSON string; the same text is a valid TOML
// basic string. (source.Quote is Go syntax, for messages only.)
func JSONString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f: // TOML forbids DEL too
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// ConfigString renders value for the place of an existing string whose
// text starts with quote: a TOML literal string ('...') stays one when it
// can hold the value.
func ConfigString(value string, quote byte) string {
	if quote == '\'' && !strings.ContainsAny(value, "'\n\r") && !hasControl(value) {
		return "'" + value + "'"
	}
	return JSONString(value)
}

func hasControl(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return true
		}
	}
	return false
}

// AppendTOMLTable appends `[[path]]` with its lines at the end of a TOML
// file.
func AppendTOMLTable(f *source.File, header string, lines []string) source.Edit {
	nl := newline(f)
	text := ""
	if len(f.Data) > 0 && f.Data[len(f.Data)-1] != '\n' {
		text = nl
	}
	text += nl + "[[" + header + "]]" + nl + strings.Join(lines, nl) + nl
	return source.Edit{File: f, Start: len(f.Data), End: len(f.Data), New: text}
}

// InsertTOMLKey adds `key = value` to the top level of a TOML file:
// before its first [table] header, or at the end when it has none.
func InsertTOMLKey(root *Node, key, value string) source.Edit {
	f := root.Span.File
	line := key + " = " + value + newline(f)
	at := len(f.Data)
	firstTable(root, &at)
	if at < len(f.Data) {
		at = f.LineStart(at)
	} else if len(f.Data) > 0 && f.Data[len(f.Data)-1] != '\n' {
		line = newline(f) + line
	}
	return source.Edit{File: f, Start: at, End: at, New: line}
}

// firstTable finds the earliest [table] or [[table]] header below n.
func firstTable(n *Node, at *int) {
	for _, m := range n.Members {
		if m.Value.Tables && m.KeySpan.Start < *at {
			*at = m.KeySpan.Start
		}
		firstTable(m.Value, at)
		for _, it := range m.Value.Items {
			if it.Tables && it.Span.Start < *at {
				*at = it.Span.Start
			}
			firstTable(it, at)
		}
	}
}
