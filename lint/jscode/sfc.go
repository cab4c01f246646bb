package jscode

import (
	"bytes"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/wranglint/wranglint/lint/source"
)

// Component files (.svelte, .vue, .astro) hold code in <script> blocks
// (and Astro's frontmatter between --- fences); the rest is a template,
// which is not scanned. Each module of a component is parsed from a copy
// of the file in which everything but its scripts is blanked (newlines
// kept), so that every offset is the file's own: positions and fixes need
// no mapping of their own.

// componentKind is a component file's extension, or "".
func componentKind(path string) string {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".svelte", ".vue", ".astro":
		return ext
	}
	return ""
}

// scriptBlock is the code of one <script> block or frontmatter.
type scriptBlock struct {
	start, end int // the code's bytes in the file
	loader     api.Loader
}

// componentModules lists the modules of a component, each the blocks it
// is made of: Svelte's and Vue's blocks are one module (the instance
// script sees the module script's names); Astro's frontmatter and each
// of its <script> tags are modules of their own.
func componentModules(data []byte, kind string) [][]scriptBlock {
	var blocks []scriptBlock
	from := 0
	if kind == ".astro" {
		if fm, end, ok := astroFrontmatter(data); ok {
			blocks = append(blocks, fm)
			from = end
		}
	}
	blocks = append(blocks, scriptTags(data, from, kind)...)
	if kind == ".astro" {
		out := make([][]scriptBlock, len(blocks))
		for i, b := range blocks {
			out[i] = []scriptBlock{b}
		}
		return out
	}
	if len(blocks) == 0 {
		return nil
	}
	return [][]scriptBlock{blocks}
}

// astroFrontmatter finds the code between the --- fences that open an
// Astro file (after blank lines only), and where the fences end.
func astroFrontmatter(data []byte) (scriptBlock, int, bool) {
	i := 0
	if source.HasBOM(data) {
		i = 3
	}
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n') {
		i++
	}
	if !bytes.HasPrefix(data[i:], []byte("---")) || !blankToEOL(data, i+3) {
		return scriptBlock{}, 0, false
	}
	start := lineEnd(data, i) // the opening fence's line
	for line := start; line < len(data); line = lineEnd(data, line) {
		if bytes.HasPrefix(data[line:], []byte("---")) && blankToEOL(data, line+3) {
			return scriptBlock{start: start, end: line, loader: api.LoaderTS}, lineEnd(data, line), true
		}
	}
	return scriptBlock{}, 0, false // never closed: Astro rejects the file
}

// lineEnd returns the offset after the newline ending i's line.
func lineEnd(data []byte, i int) int {
	if j := bytes.IndexByte(data[i:], '\n'); j >= 0 {
		return i + j + 1
	}
	return len(data)
}

func blankToEOL(data []byte, i int) bool {
	for ; i < len(data) && data[i] != '\n'; i++ {
		if data[i] != ' ' && data[i] != '\t' && data[i] != '\r' {
			return false
		}
	}
	return true
}

// scriptTags finds the <script> elements of the markup from offset i:
// comments are skipped, as are <style> and <textarea> contents; a script
// whose type is not JavaScript (JSON, templates) or that has a src is left
// out.
func scriptTags(data []byte, i int, kind string) []scriptBlock {
	var out []scriptBlock
	for i < len(data) {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			break
		}
		i += j
		if bytes.HasPrefix(data[i:], []byte("<!--")) {
			end := bytes.Index(data[i+4:], []byte("-->"))
			if end < 0 {
				break
			}
			i += 4 + end + 3
			continue
		}
		name, attrs, after, ok := openTag(data, i)
		if !ok {
			i++
			continue
		}
		switch {
		case attrs == nil:
			i = after // self-closing: no content
		case name == "script":
			end := closeTag(data, after, "script")
			if loader, js := scriptLoaderFor(attrs, kind); js && end > after {
				out = append(out, scriptBlock{start: after, end: end, loader: loader})
			}
			i = end
		case name == "style" || name == "textarea":
			i = closeTag(data, after, name)
		default:
			i = after
		}
	}
	return out
}

// openTag reads the tag opening at i: its lower-case name, its attributes
// (lower-case names; values as written) and where its content starts. A
// self-closing tag has no content (after is past it, attrs nil).
func openTag(data []byte, i int) (name string, attrs map[string]string, after int, ok bool) {
	j := i + 1
	for j < len(data) && (isASCIILetter(data[j]) || j > i+1 && (data[j] == '-' || data[j] == ':' || data[j] >= '0' && data[j] <= '9')) {
		j++
	}
	if j == i+1 {
		return "", nil, 0, false
	}
	name = strings.ToLower(string(data[i+1 : j]))
	attrs = map[string]string{}
	for j < len(data) {
		for j < len(data) && isHTMLSpace(data[j]) {
			j++
		}
		switch {
		case j >= len(data):
			return "", nil, 0, false
		case data[j] == '>':
			return name, attrs, j + 1, true
		case data[j] == '/' && j+1 < len(data) && data[j+1] == '>':
			return name, nil, j + 2, true
		}
		k := j
		for k < len(data) && !isHTMLSpace(data[k]) && data[k] != '=' && data[k] != '>' && !(data[k] == '/' && k+1 < len(data) && data[k+1] == '>') {
			if data[k] == '{' { // an expression attribute (Svelte, Astro): {...} with its nesting
				k = min(skipBraces(data, k)+1, len(data))
				continue
			}
			k++
		}
		if k == j {
			j++ // a stray character
			continue
		}
		attr := strings.ToLower(string(data[j:k]))
		j = k
		for j < len(data) && isHTMLSpace(data[j]) {
			j++
		}
		value := ""
		if j < len(data) && data[j] == '=' {
			j++
			for j < len(data) && isHTMLSpace(data[j]) {
				j++
			}
			switch {
			case j < len(data) && (data[j] == '"' || data[j] == '\''):
				end := bytes.IndexByte(data[j+1:], data[j])
				if end < 0 {
					return "", nil, 0, false
				}
				value, j = string(data[j+1:j+1+end]), j+1+end+1
			case j < len(data) && data[j] == '{':
				end := min(skipBraces(data, j)+1, len(data))
				value, j = string(data[j:end]), end
			default:
				k := j
				for k < len(data) && !isHTMLSpace(data[k]) && data[k] != '>' {
					k++
				}
				value, j = string(data[j:k]), k
			}
		}
		attrs[attr] = value
	}
	return "", nil, 0, false
}

// closeTag finds the `</name` that ends the raw text from i (the end of
// the file when there is none).
func closeTag(data []byte, i int, name string) int {
	needle := []byte("</" + name)
	for i < len(data) {
		j := bytes.Index(data[i:], []byte("</"))
		if j < 0 {
			return len(data)
		}
		i += j
		if i+len(needle) <= len(data) && bytes.EqualFold(data[i:i+len(needle)], needle) &&
			(i+len(needle) == len(data) || isHTMLSpace(data[i+len(needle)]) || data[i+len(needle)] == '>') {
			return i
		}
		i += 2
	}
	return len(data)
}

// scriptLoaderFor picks the loader of a <script>'s code from its lang and
// type; js is false for a script that holds no JavaScript or has a src.
func scriptLoaderFor(attrs map[string]string, kind string) (api.Loader, bool) {
	if _, external := attrs["src"]; external {
		return 0, false
	}
	switch t := strings.ToLower(strings.TrimSpace(attrs["type"])); t {
	case "", "module", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript",
		"text/typescript", "application/typescript", "ts":
	default:
		return 0, false // JSON, templates, text for other tools
	}
	switch strings.ToLower(strings.TrimSpace(attrs["lang"])) {
	case "ts", "typescript":
		return api.LoaderTS, true
	case "tsx":
		return api.LoaderTSX, true
	case "jsx":
		return api.LoaderJSX, true
	}
	if kind == ".astro" {
		return api.LoaderTS, true // Astro's scripts are TypeScript
	}
	return api.LoaderJS, true
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// blankedText is the file with everything but the blocks' code turned
// into spaces (line breaks kept), byte for byte in place.
func blankedText(data []byte, blocks []scriptBlock) []byte {
	out := make([]byte, len(data))
	for i, c := range data {
		if c == '\n' || c == '\r' {
			out[i] = c
		} else {
			out[i] = ' '
		}
	}
	for _, b := range blocks {
		copy(out[b.start:b.end], data[b.start:b.end])
	}
	return out
}

// moduleLoader is the loader for blocks parsed as one module: TypeScript
// if any is, with JSX if any has it.
func moduleLoader(blocks []scriptBlock) api.Loader {
	ts, jsx := false, false
	for _, b := range blocks {
		switch b.loader {
		case api.LoaderTS:
			ts = true
		case api.LoaderTSX:
			ts, jsx = true, true
		case api.LoaderJSX:
			jsx = true
		}
	}
	switch {
	case ts && jsx:
		return api.LoaderTSX
	case ts:
		return api.LoaderTS
	case jsx:
		return api.LoaderJSX
	}
	return api.LoaderJS
}

// componentOptions: a component's module is ECMAScript, so a top-level
// return is reported where it is (Astro's frontmatter may return).
var componentOptions = func() api.TransformOptions {
	o := transformOptions
	o.Format = api.FormatESModule
	return o
}()

// maxTopLevelReturns bounds how many top-level returns of an Astro
// frontmatter are set aside before the module is given up.
const maxTopLevelReturns = 16

// parseComponentModule parses the blocks of one module of a component.
// Astro's frontmatter may `return` at top level (the page's render
// function ends there); each such return is read as the empty statement it
// leaves behind ("return x" as "; x"), in place. The error is esbuild's
// first, for --verbose.
func parseComponentModule(f *source.File, blocks []scriptBlock, kind string) (*jsDoc, string) {
	text := blankedText(f.Data, blocks)
	tf := source.NewFile(f.Path, f.Rel, text)
	if off, msg := jsNesting(text, moduleLoader(blocks) != api.LoaderTS); off >= 0 {
		return nil, msg
	}
	loader := moduleLoader(blocks)
	if loader == api.LoaderJS {
		if doc := parseDirect(f, text); doc != nil {
			return doc, ""
		}
	}
	for range maxTopLevelReturns {
		doc, errs := transformParse(f, text, loader, componentOptions)
		if len(errs) == 0 {
			if doc == nil {
				return nil, "its syntax is beyond wranglint's JavaScript parser"
			}
			return doc, ""
		}
		fixed := false
		for _, e := range errs {
			if kind != ".astro" || !strings.HasPrefix(e.Text, "Top-level return") || e.Location == nil {
				continue
			}
			off := tf.Offset(e.Location.Line, e.Location.Column+1)
			if bytes.HasPrefix(text[off:], []byte("return")) {
				copy(text[off:], ";     ")
				fixed = true
			}
		}
		if !fixed {
			msg := errs[0].Text
			if loc := errs[0].Location; loc != nil {
				msg = tf.Rel + ":" + source.Itoa(loc.Line) + ": " + msg
			}
			return nil, msg
		}
	}
	return nil, "too many top-level returns"
}

// scanComponent scans each module of a component file and gathers their
// facts. A module that cannot be parsed is listed as skipped (--verbose),
// never reported: the component's own compiler is the judge of its syntax.
func scanComponent(f *source.File, kind string) *SourceFacts {
	facts := &SourceFacts{File: f, EnvUsesExact: true}
	var modules [][]scriptBlock
	for _, blocks := range componentModules(f.Data, kind) {
		if len(blocks) > 1 {
			if doc, _ := parseComponentModule(f, blocks, kind); doc == nil {
				// Blocks that do not make one module (a <script> in
				// <svelte:head> declaring the instance's names again)
				// are read one by one.
				for _, b := range blocks {
					modules = append(modules, []scriptBlock{b})
				}
				continue
			}
		}
		modules = append(modules, blocks)
	}
	for _, blocks := range modules {
		doc, why := parseComponentModule(f, blocks, kind)
		if doc == nil {
			start := blocks[0].start
			facts.Skipped = append(facts.Skipped, Skip{Via: "a <script> block", Span: source.Span{File: f, Start: start, End: start},
				Reason: "it cannot be read as JavaScript or TypeScript (" + why + "), so nothing in it is checked"})
			continue
		}
		part := scanDoc(f, doc)
		if part.InsertAt == 0 {
			part.InsertAt = blocks[0].start // new lines go inside the script, never above the markup
		}
		mergeFacts(facts, part)
	}
	return facts
}

// mergeFacts adds the facts of one module of a component to the file's:
// every list and map, whatever SourceFacts holds (so that a new fact is
// never lost here), and the first module's insertion point.
func mergeFacts(into, part *SourceFacts) {
	iv, pv := reflect.ValueOf(into).Elem(), reflect.ValueOf(part).Elem()
	for i := range iv.NumField() {
		dst, src := iv.Field(i), pv.Field(i)
		switch dst.Kind() {
		case reflect.Slice:
			dst.Set(reflect.AppendSlice(dst, src))
		case reflect.Map:
			if src.Len() == 0 {
				continue
			}
			if dst.IsNil() {
				dst.Set(reflect.MakeMap(dst.Type()))
			}
			for it := src.MapRange(); it.Next(); {
				dst.SetMapIndex(it.Key(), it.Value())
			}
		}
	}
	into.EnvUsesExact = into.EnvUsesExact && part.EnvUsesExact
	if into.InsertAt == 0 {
		into.InsertAt, into.Quote, into.Semi = part.InsertAt, part.Quote, part.Semi
	}
}
