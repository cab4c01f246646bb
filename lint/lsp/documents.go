package lsp

import (
	"fmt"

	"github.com/wranglint/wranglint/lint/source"
)

// document is one buffer the editor has open: its text as the editor has
// it, saved or not, which wins over the file on disk.
type document struct {
	uri     string // as the client wrote it, to answer in its own form
	path    string
	version int
	text    []byte
}

// apply applies one change of textDocument/didChange: a whole new text,
// or a range (in the text as it is after the previous changes) replaced.
func (d *document) apply(ch contentChange) error {
	if ch.Range == nil {
		d.text = []byte(ch.Text)
		return nil
	}
	f := source.NewFile(d.path, "", d.text)
	start, end := offset(f, ch.Range.Start), offset(f, ch.Range.End)
	if start > end {
		return fmt.Errorf("change range %d:%d-%d:%d ends before it starts", ch.Range.Start.Line, ch.Range.Start.Character, ch.Range.End.Line, ch.Range.End.Character)
	}
	text := make([]byte, 0, len(d.text)-(end-start)+len(ch.Text))
	text = append(append(append(text, d.text[:start]...), ch.Text...), d.text[end:]...)
	d.text = text
	return nil
}
