package project

import (
	"strings"

	"github.com/wranglint/wranglint/lint/source"
)

// EnvTypeEntries finds, in every declaration of `interface Env` of the
// Worker (the generated worker-configuration.d.ts and any .ts or .d.ts
// file of the project declaring one), the members named name, so that a
// binding rename can follow there. Type declarations are erased by the
// JavaScript parser, so the declaration is read as written: members one
// per line, as `wrangler types` and people write them.
func (w *Worker) EnvTypeEntries(name string) map[*source.File][]source.Span {
	out := map[*source.File][]source.Span{}
	for _, f := range w.TypeFiles {
		out[f] = append(out[f], envMembers(f, name)...)
	}
	return out
}

// envMembers reads the members of each `interface Env {` block of f.
func envMembers(f *source.File, name string) []source.Span {
	var out []source.Span
	data := string(f.Data)
	for from := 0; ; {
		i := strings.Index(data[from:], "interface Env")
		if i < 0 {
			return out
		}
		open := from + i + len("interface Env")
		rest := strings.TrimLeft(data[open:], " \t\r\n")
		if !strings.HasPrefix(rest, "{") && !strings.HasPrefix(rest, "extends") {
			from = open
			continue
		}
		brace := strings.IndexByte(data[open:], '{')
		if brace < 0 {
			return out
		}
		start := open + brace + 1
		out = append(out, membersIn(f, start, name)...)
		from = start
	}
}

// membersIn scans the lines of one interface body (from just after its
// brace to the matching one) for `name:` or `name?:` at depth one.
func membersIn(f *source.File, start int, name string) []source.Span {
	var out []source.Span
	depth := 1
	lineStart := true
	for i := start; i < len(f.Data) && depth > 0; i++ {
		c := f.Data[i]
		switch {
		case c == '{':
			depth++
		case c == '}':
			depth--
		case c == '\n':
			lineStart = true
			continue
		case c == ' ' || c == '\t' || c == '\r':
			continue
		case lineStart && depth == 1:
			if span, ok := memberAt(f, i, name); ok {
				out = append(out, span)
			}
		}
		lineStart = false
	}
	return out
}

func memberAt(f *source.File, i int, name string) (source.Span, bool) {
	for _, key := range []string{name, `"` + name + `"`, "'" + name + "'"} {
		rest := string(f.Data[i:min(len(f.Data), i+len(key)+2)])
		if after, ok := strings.CutPrefix(rest, key); ok && (strings.HasPrefix(after, ":") || strings.HasPrefix(after, "?:")) {
			return source.Span{File: f, Start: i, End: i + len(key)}, true
		}
	}
	return source.Span{}, false
}
