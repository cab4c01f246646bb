package jscode

import (
	"bytes"
	"encoding/json"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/wranglint/wranglint/lint/source"
)

// sourceMap maps generated (line, UTF-16 column) to original positions.
// Only the single-source maps of esbuild's Transform are needed. The
// mappings are decoded on the first lookup: a file with no fact to place
// never pays for them.
type sourceMap struct {
	raw   string // the "mappings" field
	once  sync.Once
	lines [][]mapping // per generated line, sorted by generated column
	ok    bool
}

type mapping struct {
	genCol, origLine, origCol int32 // 0-based, columns in UTF-16 units (int32: a minified file has millions)
}

const base64Chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

var base64Index = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(base64Chars); i++ {
		t[base64Chars[i]] = int8(i)
	}
	return
}()

// newSourceMap takes the mappings out of esbuild's source map JSON (a
// base64 VLQ string: no escapes) without decoding them.
func newSourceMap(raw []byte) (*sourceMap, bool) {
	const key = `"mappings": "`
	i := bytes.Index(raw, []byte(key))
	if i < 0 {
		return parseSourceMapJSON(raw)
	}
	rest := raw[i+len(key):]
	end := bytes.IndexByte(rest, '"')
	if end < 0 {
		return nil, false
	}
	return &sourceMap{raw: string(rest[:end])}, true
}

// parseSourceMapJSON reads a map whose layout is not esbuild's usual one.
func parseSourceMapJSON(raw []byte) (*sourceMap, bool) {
	var doc struct {
		Mappings string `json:"mappings"`
	}
	if json.Unmarshal(raw, &doc) != nil {
		return nil, false
	}
	return &sourceMap{raw: doc.Mappings}, true
}

// parseSourceMap decodes a whole map at once (tests).
func parseSourceMap(raw []byte) (*sourceMap, bool) {
	sm, ok := newSourceMap(raw)
	if !ok {
		return nil, false
	}
	sm.decode()
	return sm, sm.ok
}

func (sm *sourceMap) decode() {
	sm.once.Do(func() { sm.lines, sm.ok = decodeMappings(sm.raw) })
}

func decodeMappings(s string) ([][]mapping, bool) {
	lines := [][]mapping{nil}
	var genCol, origLine, origCol, source, name int
	for i := 0; i < len(s); {
		switch s[i] {
		case ';':
			lines = append(lines, nil)
			genCol = 0
			i++
			continue
		case ',':
			i++
			continue
		}
		var fields [5]int
		n := 0
		for i < len(s) && s[i] != ',' && s[i] != ';' && n < 5 {
			v, next, ok := decodeVLQ(s, i)
			if !ok {
				return nil, false
			}
			fields[n], i, n = v, next, n+1
		}
		genCol += fields[0]
		if n >= 4 {
			source += fields[1]
			origLine += fields[2]
			origCol += fields[3]
			if n == 5 {
				name += fields[4]
			}
			line := len(lines) - 1
			lines[line] = append(lines[line], mapping{int32(genCol), int32(origLine), int32(origCol)})
		}
	}
	return lines, true
}

func decodeVLQ(s string, i int) (value, next int, ok bool) {
	shift, result := 0, 0
	for i < len(s) {
		d := base64Index[s[i]]
		i++
		if d < 0 {
			return 0, i, false
		}
		result += int(d&31) << shift
		if d&32 == 0 {
			if result&1 == 1 {
				return -(result >> 1), i, true
			}
			return result >> 1, i, true
		}
		shift += 5
		if shift > 60 {
			return 0, i, false
		}
	}
	return 0, i, false
}

// find returns the mapping at or before the generated position.
func (sm *sourceMap) find(line, col int) (mapping, bool) {
	sm.decode()
	if !sm.ok || line < 0 || line >= len(sm.lines) {
		return mapping{}, false
	}
	segs := sm.lines[line]
	i := sort.Search(len(segs), func(i int) bool { return int(segs[i].genCol) > col }) - 1
	if i < 0 {
		return mapping{}, false
	}
	return segs[i], true
}

// utf16Col counts the UTF-16 units of b (one line's prefix); positions
// are mapped through source.File's column index, this is for checks.
func utf16Col(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		if n++; r >= 0x10000 {
			n++
		}
	}
	return n
}

// byteOffsetAtUTF16 returns the byte offset in line of UTF-16 column col.
func byteOffsetAtUTF16(line []byte, col int) int {
	return source.NewFile("", "", line).OffsetAtUTF16(0, col)
}
