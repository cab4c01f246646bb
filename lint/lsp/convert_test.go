package lsp

import (
	"runtime"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

// Positions count UTF-16 units from 0 on lines split at "\n" or "\r\n";
// a byte order mark is not in the editor's text.
func TestPositions(t *testing.T) {
	text := "\uFEFFa\u00e9\U0001F680b\r\nx\u00e9\r\n\r\nz"
	f := source.NewFile("/p/f.jsonc", "f.jsonc", []byte(text))
	cases := []struct {
		off  int // byte offset
		want Position
	}{
		{3, Position{0, 0}},  // after the BOM: the first character
		{4, Position{0, 1}},  // after "a"
		{6, Position{0, 2}},  // after "é" (2 bytes, 1 unit)
		{10, Position{0, 4}}, // after the rocket (4 bytes, 2 units)
		{11, Position{0, 5}}, // after "b": the end of the line
		{12, Position{0, 5}}, // between CR and LF: still the end of the line
		{13, Position{1, 0}},
		{16, Position{1, 2}}, // "xé"
		{18, Position{2, 0}}, // the empty line
		{20, Position{3, 0}},
		{21, Position{3, 1}}, // the end of the file
	}
	for _, c := range cases {
		if got := position(f, c.off); got != c.want {
			t.Errorf("position(%d) = %+v, want %+v", c.off, got, c.want)
		}
		if c.off == 12 {
			continue // one position, two offsets: the way back gives 11
		}
		if got := offset(f, c.want); got != c.off {
			t.Errorf("offset(%+v) = %d, want %d", c.want, got, c.off)
		}
	}
	// Past the end of a line: its end, before "\r\n"; past the last line:
	// the end of the file.
	if got := offset(f, Position{0, 99}); got != 11 {
		t.Errorf("offset past the line's end = %d, want 11", got)
	}
	if got := offset(f, Position{9, 0}); got != len(text) {
		t.Errorf("offset past the last line = %d, want %d", got, len(text))
	}
}

func TestURIs(t *testing.T) {
	if runtime.GOOS == "windows" {
		for uri, want := range map[string]string{
			"file:///c%3A/Users/a%20b/wrangler.jsonc": `c:\Users\a b\wrangler.jsonc`,
			"file:///C:/x/y.ts":                       `C:\x\y.ts`,
			"file://server/share/z.ts":                `\\server\share\z.ts`,
		} {
			if got, ok := pathFromURI(uri); !ok || got != want {
				t.Errorf("pathFromURI(%q) = %q, %v; want %q", uri, got, ok, want)
			}
		}
		if got := uriFromPath(`C:\a b\c.ts`); got != "file:///C:/a%20b/c.ts" {
			t.Errorf("uriFromPath = %q", got)
		}
		return
	}
	for uri, want := range map[string]string{
		"file:///home/u/a%20b/wrangler.jsonc": "/home/u/a b/wrangler.jsonc",
		"file:///home/u/%C3%A9t%C3%A9/x.ts":   "/home/u/été/x.ts",
		"file:///home/u/../v/./x.ts":          "/home/v/x.ts",
	} {
		if got, ok := pathFromURI(uri); !ok || got != want {
			t.Errorf("pathFromURI(%q) = %q, %v; want %q", uri, got, ok, want)
		}
	}
	for _, uri := range []string{"untitled:Untitled-1", "git:/home/u/x.ts?ref", "file:relative/x.ts"} {
		if _, ok := pathFromURI(uri); ok {
			t.Errorf("pathFromURI(%q) accepted a URI that names no file", uri)
		}
	}
	for _, p := range []string{"/home/u/a b/c#d.ts", "/tmp/été/%x.ts", "/tmp/q?.ts"} {
		uri := uriFromPath(p)
		if back, ok := pathFromURI(uri); !ok || back != p {
			t.Errorf("%q -> %q -> %q", p, uri, back)
		}
		if strings.ContainsAny(uri[len("file://"):], " #?") {
			t.Errorf("uriFromPath(%q) = %q: not escaped", p, uri)
		}
	}
}

// Incremental changes apply ranges in UTF-16 units, in order, each to the
// text the previous one left.
func TestDocumentChanges(t *testing.T) {
	d := &document{path: "/p/c.tsx", text: []byte("const a = \"\U0001F680x\";\r\nconst b = 1;\r\n")}
	changes := []contentChange{
		{Range: &Range{Start: Position{0, 13}, End: Position{0, 14}}, Text: "y"},      // x after the rocket -> y
		{Range: &Range{Start: Position{1, 10}, End: Position{1, 11}}, Text: "22"},     // 1 -> 22
		{Range: &Range{Start: Position{0, 16}, End: Position{1, 0}}, Text: "\n"},      // CRLF -> LF
		{Range: &Range{Start: Position{2, 0}, End: Position{2, 0}}, Text: "// end\n"}, // after the last line
	}
	for _, ch := range changes {
		if err := d.apply(ch); err != nil {
			t.Fatal(err)
		}
	}
	if want := "const a = \"\U0001F680y\";\nconst b = 22;\r\n// end\n"; string(d.text) != want {
		t.Errorf("text = %q, want %q", d.text, want)
	}
	if err := d.apply(contentChange{Range: &Range{Start: Position{1, 5}, End: Position{0, 1}}}); err == nil {
		t.Error("a range that ends before it starts was applied")
	}
	if err := d.apply(contentChange{Text: "whole"}); err != nil || string(d.text) != "whole" {
		t.Errorf("a full change gave %q, %v", d.text, err)
	}
}
