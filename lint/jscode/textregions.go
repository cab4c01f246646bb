package jscode

import (
	"bytes"
)

// TextRange is a byte range of a file's original text.
type TextRange struct{ Start, End int }

var wranglintMark = []byte("wranglint-")

// noteTextRegion records, for a string, template or JSX text token of the
// parsed code that holds "wranglint-", where that text stands in the
// original: the parse says it is text, so no comment starts there, however
// a comment lexer reads the file (a directive written inside <p>…</p> is
// JSX text, not a suppression).
func (s *scanner) noteTextRegion(tok []byte) {
	if !bytes.Contains(tok, wranglintMark) {
		return
	}
	g, ok := s.doc.genOffset(tok)
	if !ok {
		return
	}
	o, ok := s.doc.origOffset(g)
	data := s.doc.file.Data
	if !ok || o >= len(data) {
		return
	}
	end := len(data)
	switch data[o] {
	case '"', '\'', '`':
		end = literalEnd(data, o)
	default:
		// JSX text runs to the next tag or expression container
		if i := bytes.IndexAny(data[o:], "<{"); i >= 0 {
			end = o + i
		}
	}
	s.facts.TextRegions = append(s.facts.TextRegions, TextRange{o, end})
}

// InText reports whether off lies in one of the file's text regions.
func (sf *SourceFacts) InText(off int) bool {
	for _, r := range sf.TextRegions {
		if r.Start <= off && off < r.End {
			return true
		}
	}
	return false
}
