package resolve

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
)

// jsonValue is a parsed JSON value that keeps the order of object keys:
// package.json "exports" and "imports" conditions are tried in file order.
type jsonValue struct {
	kind jsonKind
	str  string // string
	b    bool   // bool
	arr  []*jsonValue
	keys []string // object keys in file order (duplicates kept)
	vals []*jsonValue
}

type jsonKind uint8

const (
	jsonNull jsonKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonArray
	jsonObject
)

// get returns the first value under key of an object (as esbuild's
// package.json reader does), or nil.
func (v *jsonValue) get(key string) *jsonValue {
	if v == nil || v.kind != jsonObject {
		return nil
	}
	for i, k := range v.keys {
		if k == key {
			return v.vals[i]
		}
	}
	return nil
}

// getString returns the string under key, or "" and false.
func (v *jsonValue) getString(key string) (string, bool) {
	if s := v.get(key); s != nil && s.kind == jsonString {
		return s.str, true
	}
	return "", false
}

// jsonError is a syntax error at a byte offset of the file.
type jsonError struct {
	Offset int
	Length int
	Msg    string
}

// parseJSON parses data. Strict JSON (package.json, imported .json files)
// rejects comments and trailing commas as esbuild does; otherwise
// (tsconfig.json) they are allowed, as TypeScript allows them. A leading
// byte order mark is skipped. On error the value is nil.
func parseJSON(data []byte, strict bool) (*jsonValue, *jsonError) {
	v, strictErr, syntaxErr := parseJSONFile(data)
	if syntaxErr != nil {
		return nil, syntaxErr
	}
	if strict && strictErr != nil {
		return nil, strictErr
	}
	return v, nil
}

// parseJSONFile parses data skipping comments and trailing commas: v is
// the value (nil on a syntax error, syntaxErr), strictErr the first
// comment or trailing comma, which strict JSON does not allow.
func parseJSONFile(data []byte) (v *jsonValue, strictErr, syntaxErr *jsonError) {
	clean, strictErr := normalizeJSONC(data)
	dec := json.NewDecoder(bytes.NewReader(clean))
	dec.UseNumber()
	v, err := decodeValue(dec, 0)
	if err == nil {
		if _, err = dec.Token(); err == io.EOF {
			return v, strictErr, nil
		} else if err == nil {
			err = errors.New("unexpected text after the JSON value")
		}
	}
	off := int(dec.InputOffset())
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = int(se.Offset) - 1
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		off, err = len(data), errors.New("unexpected end of file")
	}
	return nil, strictErr, &jsonError{Offset: max(0, min(off, len(data))), Length: 1, Msg: "invalid JSON: " + err.Error()}
}

// maxJSONDepth bounds nesting: the decoder recurses once per level.
const maxJSONDepth = 1000

func decodeValue(dec *json.Decoder, depth int) (*jsonValue, error) {
	if depth > maxJSONDepth {
		return nil, errors.New("nested deeper than 1000 levels")
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case nil:
		return &jsonValue{kind: jsonNull}, nil
	case bool:
		return &jsonValue{kind: jsonBool, b: t}, nil
	case json.Number:
		return &jsonValue{kind: jsonNumber, str: string(t)}, nil
	case string:
		return &jsonValue{kind: jsonString, str: t}, nil
	case json.Delim:
		switch t {
		case '[':
			v := &jsonValue{kind: jsonArray}
			for dec.More() {
				item, err := decodeValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				v.arr = append(v.arr, item)
			}
			_, err := dec.Token()
			return v, err
		case '{':
			v := &jsonValue{kind: jsonObject}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				key, _ := kt.(string)
				val, err := decodeValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				v.keys = append(v.keys, key)
				v.vals = append(v.vals, val)
			}
			_, err := dec.Token()
			return v, err
		}
	}
	return nil, errors.New("unexpected token")
}

// normalizeJSONC blanks out a byte order mark, comments and trailing
// commas (keeping every offset and line), and reports the first comment
// or trailing comma, which strict JSON does not allow.
func normalizeJSONC(data []byte) ([]byte, *jsonError) {
	out := append([]byte(nil), data...)
	var first *jsonError
	note := func(off, n int, msg string) {
		if first == nil {
			first = &jsonError{Offset: off, Length: n, Msg: msg}
		}
	}
	i := 0
	if bytes.HasPrefix(out, []byte{0xEF, 0xBB, 0xBF}) {
		out[0], out[1], out[2] = ' ', ' ', ' '
		i = 3
	}
	lastComma := -1 // offset of a comma not yet followed by a value
	for i < len(out) {
		c := out[i]
		switch {
		case c == '"':
			i = skipJSONString(out, i)
			lastComma = -1
			continue
		case c == '/' && i+1 < len(out) && out[i+1] == '/':
			end := i
			for end < len(out) && out[end] != '\n' {
				end++
			}
			note(i, end-i, "JSON does not support comments")
			blank(out[i:end])
			i = end
			continue
		case c == '/' && i+1 < len(out) && out[i+1] == '*':
			end := bytes.Index(out[i+2:], []byte("*/"))
			if end < 0 {
				end = len(out)
			} else {
				end += i + 4
			}
			note(i, end-i, "JSON does not support comments")
			blank(out[i:end])
			i = end
			continue
		case c == ',':
			lastComma = i
		case c == ']' || c == '}':
			if lastComma >= 0 {
				note(lastComma, 1, "JSON does not support trailing commas")
				out[lastComma] = ' '
			}
			lastComma = -1
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		default:
			lastComma = -1
		}
		i++
	}
	return out, first
}

// skipJSONString returns the offset after the string starting at i.
func skipJSONString(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		case '\n':
			return j
		}
	}
	return len(b)
}

// blank replaces b with spaces, keeping line breaks.
func blank(b []byte) {
	for i, c := range b {
		if c != '\n' && c != '\r' {
			b[i] = ' '
		}
	}
}

// validJSON reports the first syntax error of strict JSON data, or nil.
func validJSON(data []byte) *jsonError {
	if json.Valid(bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})) {
		return nil
	}
	_, err := parseJSON(data, true)
	if err == nil {
		err = &jsonError{Msg: "invalid JSON"}
	}
	err.Msg = strings.TrimSpace(err.Msg)
	return err
}

// JSONError is a syntax error of a JSON module, at a byte range.
type JSONError struct {
	Start, End int
	Text       string
}

// CheckJSON reports the first syntax error of a JSON module as wrangler's
// bundle reads it (strict JSON: no comments, no trailing commas), or nil.
func CheckJSON(data []byte) *JSONError {
	e := validJSON(data)
	if e == nil {
		return nil
	}
	return &JSONError{Start: e.Offset, End: e.Offset + e.Length, Text: e.Msg}
}
