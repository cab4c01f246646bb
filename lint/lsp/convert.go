package lsp

import (
	"net/url"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/wranglint/wranglint/lint/source"
)

// pathFromURI returns the absolute path a file: URI names; ok is false for
// other schemes (untitled:, git:), which have no file to lint.
func pathFromURI(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return "", false
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		if u.Host != "" && u.Host != "localhost" {
			p = "//" + u.Host + p // a UNC path: file://server/share/x
		} else {
			p = strings.TrimPrefix(p, "/") // file:///c:/x
		}
	}
	p = filepath.FromSlash(p)
	if !filepath.IsAbs(p) {
		return "", false
	}
	return filepath.Clean(p), true
}

// uriFromPath is the file: URI of an absolute path, percent-encoded.
func uriFromPath(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// Positions: the protocol counts lines from 0 and characters in UTF-16
// code units. A byte order mark is not part of the editor's text, and a
// line ends before its "\r\n".

// position converts a byte offset of f to a protocol position.
func position(f *source.File, off int) Position {
	off = max(0, min(off, len(f.Data)))
	if off > 0 && off < len(f.Data) && f.Data[off] == '\n' && f.Data[off-1] == '\r' {
		off-- // between CR and LF: the end of the line
	}
	line := f.LineIndex(off)
	col := f.UTF16Col(off)
	if line == 0 && source.HasBOM(f.Data) && off >= 3 {
		col--
	}
	return Position{Line: line, Character: col}
}

// toRange converts a span to a protocol range in its own file.
func toRange(s source.Span) Range {
	if s.File == nil {
		return Range{}
	}
	return Range{Start: position(s.File, s.Start), End: position(s.File, s.End)}
}

// offset converts a protocol position to a byte offset of f, clamped to
// the end of its line (before "\r\n") and to the end of the file.
func offset(f *source.File, p Position) int {
	col := max(p.Character, 0)
	if p.Line == 0 && source.HasBOM(f.Data) {
		col++
	}
	off := f.OffsetAtUTF16(p.Line, col)
	if off > 0 && off < len(f.Data) && f.Data[off] == '\n' && f.Data[off-1] == '\r' {
		off--
	}
	return off
}
