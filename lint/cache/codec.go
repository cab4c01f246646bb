package cache

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"unsafe"

	"github.com/wranglint/wranglint/lint/source"
)

// A generic binary codec for cached values (scan facts, compiled
// schemas), so that the cache follows every change to their types without
// code of its own: values are walked by reflection (unexported fields
// included), a source.Span is stored as its Start and End, and on decoding
// every Span and *source.File is attached to the file being decoded for,
// which has the same bytes (the key holds the content's hash); a span
// outside that file's bytes is corrupt. Interfaces, functions and channels
// are refused: values holding one are not cached. What the types mean
// (an index into a list, a count) the caller validates after Decode.

var (
	spanType = reflect.TypeFor[source.Span]()
	fileType = reflect.TypeFor[*source.File]()
)

// maxDepth bounds nesting, so that a cycle is refused instead of looping.
const maxDepth = 64

var errUncacheable = errors.New("not cacheable")

type encoder struct {
	buf  []byte
	file *source.File
}

// Encode encodes v (a pointer) whose spans all lie in f (nil: none).
func Encode(v any, f *source.File) ([]byte, error) {
	e := &encoder{file: f}
	if err := e.value(reflect.ValueOf(v).Elem(), 0); err != nil {
		return nil, err
	}
	return e.buf, nil
}

func (e *encoder) uvarint(n uint64) { e.buf = binary.AppendUvarint(e.buf, n) }
func (e *encoder) varint(n int64)   { e.buf = binary.AppendVarint(e.buf, n) }

// length writes a nil-able length: 0 for nil, n+1 otherwise.
func (e *encoder) length(isNil bool, n int) {
	if isNil {
		e.uvarint(0)
		return
	}
	e.uvarint(uint64(n) + 1)
}

func (e *encoder) value(v reflect.Value, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("%w: nested deeper than %d", errUncacheable, maxDepth)
	}
	switch v.Type() {
	case spanType:
		return e.span(v)
	case fileType:
		return e.filePtr(v.Pointer())
	}
	switch v.Kind() {
	case reflect.Bool:
		e.buf = append(e.buf, boolByte(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.varint(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.uvarint(v.Uint())
	case reflect.Float32, reflect.Float64:
		e.buf = binary.LittleEndian.AppendUint64(e.buf, math.Float64bits(v.Float()))
	case reflect.String:
		e.uvarint(uint64(v.Len()))
		e.buf = append(e.buf, v.String()...)
	case reflect.Slice:
		e.length(v.IsNil(), v.Len())
		return e.elems(v, depth)
	case reflect.Array:
		return e.elems(v, depth)
	case reflect.Map:
		return e.mapValue(v, depth)
	case reflect.Pointer:
		e.length(v.IsNil(), 0)
		if !v.IsNil() {
			return e.value(v.Elem(), depth+1)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if err := e.value(v.Field(i), depth+1); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("%w: %s", errUncacheable, v.Type())
	}
	return nil
}

func (e *encoder) elems(v reflect.Value, depth int) error {
	if v.Type().Elem().Kind() == reflect.Uint8 {
		e.buf = append(e.buf, bytesOf(v)...)
		return nil
	}
	for i := range v.Len() {
		if err := e.value(v.Index(i), depth+1); err != nil {
			return err
		}
	}
	return nil
}

// bytesOf reads a []byte or [N]byte, exported or not.
func bytesOf(v reflect.Value) []byte {
	out := make([]byte, v.Len())
	for i := range out {
		out[i] = byte(v.Index(i).Uint())
	}
	return out
}

func (e *encoder) mapValue(v reflect.Value, depth int) error {
	e.length(v.IsNil(), v.Len())
	it := v.MapRange()
	for it.Next() {
		if err := e.value(it.Key(), depth+1); err != nil {
			return err
		}
		if err := e.value(it.Value(), depth+1); err != nil {
			return err
		}
	}
	return nil
}

func (e *encoder) span(v reflect.Value) error {
	s := source.Span{File: (*source.File)(v.Field(0).UnsafePointer()), Start: int(v.Field(1).Int()), End: int(v.Field(2).Int())}
	if err := e.filePtr(uintptr(unsafe.Pointer(s.File))); err != nil {
		return err
	}
	e.varint(int64(s.Start))
	e.varint(int64(s.End))
	return nil
}

// filePtr writes whether a *source.File is set; it must be the file being
// encoded, the only one a decoder can attach.
func (e *encoder) filePtr(p uintptr) error {
	if p != 0 && p != uintptr(unsafe.Pointer(e.file)) {
		return fmt.Errorf("%w: a span in another file", errUncacheable)
	}
	e.buf = append(e.buf, boolByte(p != 0))
	return nil
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

type decoder struct {
	buf  []byte
	file *source.File
}

var errCorrupt = errors.New("corrupt cache entry")

// Decode decodes into out (a pointer), attaching spans to f; any error
// (garbage, a span outside f, trailing bytes) means the entry is unusable.
func Decode(data []byte, out any, f *source.File) (err error) {
	defer func() {
		if r := recover(); r != nil { // a corrupt entry must never crash a run
			err = fmt.Errorf("%w: %v", errCorrupt, r)
		}
	}()
	d := &decoder{buf: data, file: f}
	if err := d.value(reflect.ValueOf(out).Elem(), 0); err != nil {
		return err
	}
	if len(d.buf) != 0 {
		return fmt.Errorf("%w: %d trailing bytes", errCorrupt, len(d.buf))
	}
	return nil
}

func (d *decoder) uvarint() uint64 {
	n, k := binary.Uvarint(d.buf)
	if k <= 0 {
		panic("bad varint")
	}
	d.buf = d.buf[k:]
	return n
}

func (d *decoder) varint() int64 {
	n, k := binary.Varint(d.buf)
	if k <= 0 {
		panic("bad varint")
	}
	d.buf = d.buf[k:]
	return n
}

func (d *decoder) take(n uint64) []byte {
	if n > uint64(len(d.buf)) {
		panic("length past the end")
	}
	b := d.buf[:n]
	d.buf = d.buf[n:]
	return b
}

// length reads a nil-able length; each element takes at least one byte,
// so a length past the end is corrupt (and never allocated).
func (d *decoder) length() (n int, isNil bool) {
	x := d.uvarint()
	if x == 0 {
		return 0, true
	}
	if x-1 > uint64(len(d.buf)) {
		panic("length past the end")
	}
	return int(x - 1), false
}

// settable makes an unexported field of an addressable struct settable.
func settable(v reflect.Value) reflect.Value {
	if v.CanSet() {
		return v
	}
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

func (d *decoder) value(v reflect.Value, depth int) error {
	v = settable(v)
	switch v.Type() {
	case spanType:
		sp := source.Span{File: d.filePtr(), Start: int(d.varint()), End: int(d.varint())}
		if !d.inFile(sp) {
			return fmt.Errorf("%w: span %d-%d outside the file's %d bytes", errCorrupt, sp.Start, sp.End, d.size())
		}
		v.Set(reflect.ValueOf(sp))
		return nil
	case fileType:
		v.Set(reflect.ValueOf(d.filePtr()))
		return nil
	}
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(d.take(1)[0] != 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(d.varint())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		v.SetUint(d.uvarint())
	case reflect.Float32, reflect.Float64:
		v.SetFloat(math.Float64frombits(binary.LittleEndian.Uint64(d.take(8))))
	case reflect.String:
		v.SetString(string(d.take(d.uvarint())))
	case reflect.Slice:
		n, isNil := d.length()
		if isNil {
			return nil
		}
		v.Set(reflect.MakeSlice(v.Type(), n, n))
		return d.elems(v, depth)
	case reflect.Array:
		return d.elems(v, depth)
	case reflect.Map:
		return d.mapValue(v, depth)
	case reflect.Pointer:
		if _, isNil := d.length(); !isNil {
			v.Set(reflect.New(v.Type().Elem()))
			return d.value(v.Elem(), depth+1)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if err := d.value(v.Field(i), depth+1); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("%w: %s", errUncacheable, v.Type())
	}
	return nil
}

func (d *decoder) elems(v reflect.Value, depth int) error {
	if v.Type().Elem().Kind() == reflect.Uint8 {
		b := d.take(uint64(v.Len()))
		for i := range b {
			settable(v.Index(i)).SetUint(uint64(b[i]))
		}
		return nil
	}
	for i := range v.Len() {
		if err := d.value(v.Index(i), depth+1); err != nil {
			return err
		}
	}
	return nil
}

func (d *decoder) mapValue(v reflect.Value, depth int) error {
	n, isNil := d.length()
	if isNil {
		return nil
	}
	t := v.Type()
	m := reflect.MakeMapWithSize(t, n)
	for range n {
		k, x := reflect.New(t.Key()).Elem(), reflect.New(t.Elem()).Elem()
		if err := d.value(k, depth+1); err != nil {
			return err
		}
		if err := d.value(x, depth+1); err != nil {
			return err
		}
		m.SetMapIndex(k, x)
	}
	v.Set(m)
	return nil
}

// inFile: a span lies within the file's bytes (a span without a file is
// empty at 0, as the zero Span).
func (d *decoder) inFile(sp source.Span) bool {
	if sp.File == nil {
		return sp.Start == 0 && sp.End == 0
	}
	return 0 <= sp.Start && sp.Start <= sp.End && sp.End <= d.size()
}

func (d *decoder) size() int {
	if d.file == nil {
		return 0
	}
	return len(d.file.Data)
}

func (d *decoder) filePtr() *source.File {
	switch d.take(1)[0] {
	case 0:
		return nil
	case 1:
		if d.file == nil {
			panic("a span in no file")
		}
		return d.file
	}
	panic("bad file flag")
}

// Fingerprint describes a type's full structure (field names, kinds and
// types, recursively): keyed with it, entries written for another layout
// of the type are never read.
func Fingerprint(t reflect.Type) string {
	var b strings.Builder
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		b.WriteString(t.String())
		if seen[t] || t == spanType || t == fileType {
			return
		}
		seen[t] = true
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			b.WriteByte('<')
			walk(t.Elem())
			b.WriteByte('>')
		case reflect.Map:
			b.WriteByte('<')
			walk(t.Key())
			b.WriteByte(',')
			walk(t.Elem())
			b.WriteByte('>')
		case reflect.Struct:
			b.WriteByte('{')
			for i := range t.NumField() {
				b.WriteString(t.Field(i).Name)
				b.WriteByte(' ')
				walk(t.Field(i).Type)
				b.WriteByte(';')
			}
			b.WriteByte('}')
		}
	}
	walk(t)
	return b.String()
}
