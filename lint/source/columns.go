package source

import (
	"sort"
	"unicode/utf8"
)

// colBlock is the spacing of the column index's checkpoints: turning an
// offset into a column scans at most this many bytes, so a minified file
// whose one line is megabytes long costs no more per lookup than a short
// line.
const colBlock = 256

// colIndex holds, at the first character starting at or after each
// colBlock boundary, the counts of characters and of UTF-16 units from the
// start of the file.
type colIndex struct {
	ascii  bool // every byte is ASCII: counts are byte offsets
	starts []int
	runes  []int
	units  []int
}

func (f *File) cols() *colIndex {
	f.colOnce.Do(func() { f.colIdx = buildColIndex(f.Data) })
	return f.colIdx
}

func buildColIndex(b []byte) *colIndex {
	ix := &colIndex{ascii: true}
	for _, c := range b {
		if c >= utf8.RuneSelf {
			ix.ascii = false
			break
		}
	}
	if ix.ascii {
		return ix
	}
	runes, units := 0, 0
	for i := 0; i < len(b); {
		if i >= len(ix.starts)*colBlock {
			ix.starts = append(ix.starts, i)
			ix.runes = append(ix.runes, runes)
			ix.units = append(ix.units, units)
		}
		r, size := utf8.DecodeRune(b[i:])
		runes++
		units += utf16Len(r)
		i += size
	}
	return ix
}

func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// counts returns the characters and UTF-16 units in b[:off].
func (ix *colIndex) counts(b []byte, off int) (runes, units int) {
	if ix.ascii || off <= 0 {
		return off, off
	}
	k := min(off/colBlock, len(ix.starts)-1)
	for k > 0 && ix.starts[k] > off {
		k--
	}
	runes, units = ix.runes[k], ix.units[k]
	for i := ix.starts[k]; i < off; {
		r, size := utf8.DecodeRune(b[i:])
		runes++
		units += utf16Len(r)
		i += size
	}
	return runes, units
}

// LineIndex returns the 0-based line holding byte offset off.
func (f *File) LineIndex(off int) int {
	return max(sort.Search(len(f.lines), func(i int) bool { return f.lines[i] > off })-1, 0)
}

// UTF16Col returns the column of byte offset off on its line in UTF-16
// units, 0-based: the unit of source map columns.
func (f *File) UTF16Col(off int) int {
	off = max(0, min(off, len(f.Data)))
	ix := f.cols()
	_, a := ix.counts(f.Data, f.lines[f.LineIndex(off)])
	_, b := ix.counts(f.Data, off)
	return b - a
}

// OffsetAtUTF16 returns the byte offset of the 0-based line and UTF-16
// column col, clamped to the end of the line (before its newline).
func (f *File) OffsetAtUTF16(line, col int) int {
	if line < 0 {
		return 0
	}
	if line >= len(f.lines) {
		return len(f.Data)
	}
	start, end := f.lines[line], len(f.Data)
	if line+1 < len(f.lines) {
		end = f.lines[line+1] - 1
	}
	ix := f.cols()
	if ix.ascii {
		return start + max(0, min(col, end-start))
	}
	_, base := ix.counts(f.Data, start)
	target := base + col
	// The last checkpoint inside the line at or before the target.
	k := sort.Search(len(ix.starts), func(i int) bool { return ix.units[i] > target }) - 1
	off, units := start, base
	if k >= 0 && ix.starts[k] > start {
		off, units = ix.starts[k], ix.units[k]
	}
	for off < end && units < target {
		r, size := utf8.DecodeRune(f.Data[off:end])
		units += utf16Len(r)
		off += size
	}
	return off
}
