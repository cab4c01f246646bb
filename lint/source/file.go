// Package source is the bottom layer of wranglint: files and their bytes,
// positions and spans, syntax errors, edits and renames, the one file
// system view every other layer reads through (with the fixer's in-memory
// overlay), discovery of configs and sources, .gitignore, and the text
// helpers messages use.
package source

import (
	"bytes"
	"path/filepath"
	"sort"
	"sync"
)

// File is one file the engine read: its bytes and a line index, so that any
// byte offset can be turned into a 1-based line and a column in characters.
type File struct {
	Path  string // absolute
	Rel   string // relative to the working directory, slash-separated
	Data  []byte
	lines []int // byte offset of the start of each line

	secretMu      sync.Mutex
	secrets       [][2]int // byte ranges never printed as they are (see MarkSecret)
	secretsSorted bool     // secrets is sorted and merged
	tokensFound   bool     // FindTokens ran: credentials in any format are in secrets

	colOnce sync.Once
	colIdx  *colIndex // built on first use (see columns.go)

	hasMu sync.Mutex
	has   map[string]bool // Has, by needle
}

// Has reports whether the file's bytes contain needle, once per needle:
// a file an editor's snapshots share is not searched again at each
// keystroke.
func (f *File) Has(needle string) bool {
	f.hasMu.Lock()
	v, ok := f.has[needle]
	f.hasMu.Unlock()
	if ok {
		return v
	}
	v = bytes.Contains(f.Data, []byte(needle))
	f.hasMu.Lock()
	if f.has == nil {
		f.has = map[string]bool{}
	}
	f.has[needle] = v
	f.hasMu.Unlock()
	return v
}

// Pos is a 1-based line and column; columns count characters, not bytes.
type Pos struct {
	Line, Col int
}

// Span is a byte range in one file.
type Span struct {
	File       *File
	Start, End int
}

// NewFile indexes data read from path; rel is how the file is shown to users.
func NewFile(path, rel string, data []byte) *File {
	f := &File{Path: path, Rel: filepath.ToSlash(rel), Data: data, lines: []int{0}}
	for i, b := range data {
		if b == '\n' {
			f.lines = append(f.lines, i+1)
		}
	}
	return f
}

// Position converts a byte offset to a line and a character column.
func (f *File) Position(off int) Pos {
	off = max(0, min(off, len(f.Data)))
	line := f.LineIndex(off)
	ix := f.cols()
	a, _ := ix.counts(f.Data, f.lines[line])
	b, _ := ix.counts(f.Data, off)
	col := b - a + 1
	if line == 0 && HasBOM(f.Data) && off >= 3 {
		col-- // the byte order mark is not a character the user sees
	}
	return Pos{Line: line + 1, Col: col}
}

// Offset converts a 1-based line and a byte column (1-based) to an offset.
func (f *File) Offset(line, byteCol int) int {
	if line < 1 {
		return 0
	}
	if line > len(f.lines) {
		return len(f.Data)
	}
	return min(f.lines[line-1]+max(byteCol-1, 0), len(f.Data))
}

// LineText returns line n (1-based) without its line ending.
func (f *File) LineText(n int) string {
	start, end := f.LineBounds(n)
	return string(f.Data[start:end])
}

// LineBounds returns the byte range of line n (1-based) without its line
// ending (and without the byte order mark on line 1).
func (f *File) LineBounds(n int) (start, end int) {
	if n < 1 || n > len(f.lines) {
		return 0, 0
	}
	start, end = f.lines[n-1], len(f.Data)
	if n < len(f.lines) {
		end = f.lines[n] - 1
	}
	if end > start && f.Data[end-1] == '\r' {
		end--
	}
	if n == 1 && HasBOM(f.Data[start:end]) {
		start += 3
	}
	return start, end
}

// LineStart returns the byte offset of the start of the line holding off.
func (f *File) LineStart(off int) int {
	line := sort.Search(len(f.lines), func(i int) bool { return f.lines[i] > off }) - 1
	return f.lines[max(line, 0)]
}

// HasBOM reports whether b starts with a UTF-8 byte order mark.
func HasBOM(b []byte) bool {
	return len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF
}

// Span helpers.

func (s Span) Valid() bool   { return s.File != nil }
func (s Span) StartPos() Pos { return s.File.Position(s.Start) }
func (s Span) EndPos() Pos   { return s.File.Position(s.End) }
func (s Span) Text() string  { return string(s.File.Data[s.Start:s.End]) }
func (s Span) String() string {
	p := s.StartPos()
	return s.File.Rel + ":" + itoa(p.Line) + ":" + itoa(p.Col)
}

// Where is "file:line", the short form used inside messages.
func (s Span) Where() string { return s.File.Rel + ":" + itoa(s.StartPos().Line) }
