package source

import "unicode/utf8"

// SyntaxError is a config or source file that cannot be parsed.
type SyntaxError struct {
	Span Span
	Msg  string
}

func (e *SyntaxError) Error() string { return e.Span.String() + ": " + e.Msg }

// SyntaxAt reports msg at the character starting at byte offset off.
func SyntaxAt(f *File, off int, msg string) *SyntaxError {
	off = max(0, min(off, len(f.Data)))
	end := off
	if end < len(f.Data) {
		_, size := utf8.DecodeRune(f.Data[end:])
		end += size
	}
	return &SyntaxError{Span: Span{File: f, Start: off, End: end}, Msg: msg}
}
