package lsp_test

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint/lsp"
)

const mismatch = "binding-name-case-mismatch"

// The scenario, through the built binary as an editor runs it
// and through an in-process server: the seed mistake shows on the config
// while the client's fix is unsaved, both fixes are offered, the
// diagnostic clears when the client's buffer is fixed (not saved) and
// comes back when it is not, hover shows the namespace, go to definition
// leads from the client to the binding and from class_name to the class,
// and no file on disk changes.
func TestCoderAgentSession(t *testing.T) {
	for _, transport := range []string{"binary", "in-process"} {
		t.Run(transport, func(t *testing.T) {
			dir := copyTree(t, "../../testdata/coderagent")
			before := treeHash(t, dir)
			var s *session
			if transport == "binary" {
				s = startBinary(t)
			} else {
				s = startInProcess(t, newEngine(), 0)
			}
			coderAgentSession(t, s, dir)
			if after := treeHash(t, dir); after != before {
				t.Errorf("the session changed files on disk")
			}
		})
	}
}

func coderAgentSession(t *testing.T, s *session, dir string) {
	s.initialize(dir, capabilities())
	config := fileURI(filepath.Join(dir, "wrangler.jsonc"))
	clientPath := filepath.Join(dir, "src", "client.tsx")
	clientURI := s.open(clientPath, 1)

	// The config's finding is published although the config is not open.
	p := s.waitDiagnostics(config, "the seed mistake on the config", hasCode(mismatch))
	d := find(p.Diagnostics, mismatch)
	if want := (lsp.Range{Start: lsp.Position{Line: 10, Character: 16}, End: lsp.Position{Line: 10, Character: 28}}); d.Range != want {
		t.Errorf("range = %+v, want %+v", d.Range, want)
	}
	if d.Severity != 1 || d.Source != "wranglint" || d.CodeDescription == nil || d.CodeDescription.Href != lsp.RuleDocsURL(mismatch) {
		t.Errorf("severity, source or code description wrong: %+v", d)
	}
	if !strings.Contains(d.Message, "/agents/coder-agent/") {
		t.Errorf("message = %q", d.Message)
	}
	if len(d.RelatedInformation) != 1 || d.RelatedInformation[0].Location.URI != clientURI ||
		d.RelatedInformation[0].Location.Range.Start != (lsp.Position{Line: 4, Character: 34}) {
		t.Errorf("related information = %+v, want the client's literal at 5:35", d.RelatedInformation)
	}
	// The open client is published too, clean, at the version linted.
	cp := s.waitDiagnostics(clientURI, "the open client", func(p lsp.PublishDiagnosticsParams) bool { return true })
	if len(cp.Diagnostics) != 0 || cp.Version == nil || *cp.Version != 1 {
		t.Errorf("client diagnostics = %+v, want none at version 1", cp)
	}

	// Both fixes, and the suppression, on the config's diagnostic.
	var actions []lsp.CodeAction
	s.result("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": config}, "range": d.Range,
		"context": map[string]any{"diagnostics": []lsp.Diagnostic{d}}}, &actions)
	if len(actions) != 3 {
		t.Fatalf("got %d code actions, want the safe fix, the unsafe one and the suppression: %s", len(actions), toJSON(actions))
	}
	safe, unsafe, suppress := actions[0], actions[1], actions[2]
	if !safe.IsPreferred || strings.Contains(safe.Title, "unsafe") || !strings.Contains(safe.Title, `"CoderAgent"`) || safe.Kind != "quickfix" {
		t.Errorf("safe fix = %s", toJSON(safe))
	}
	if unsafe.IsPreferred || !strings.HasSuffix(unsafe.Title, " (unsafe)") || !strings.Contains(unsafe.Title, "rename binding") {
		t.Errorf("unsafe fix = %s", toJSON(unsafe))
	}
	edits := documentEdits(t, safe.Edit)
	if len(edits) != 1 || edits[0].TextDocument.URI != clientURI || edits[0].TextDocument.Version == nil || *edits[0].TextDocument.Version != 1 {
		t.Fatalf("safe fix edits = %s, want the open client at version 1", toJSON(edits))
	}
	fix := edits[0].Edits[0]
	if fix.NewText != `"CoderAgent"` || fix.Range.Start != (lsp.Position{Line: 4, Character: 34}) {
		t.Errorf("safe fix edit = %+v", fix)
	}
	if u := documentEdits(t, unsafe.Edit); len(u) != 1 || u[0].TextDocument.URI != config || u[0].TextDocument.Version != nil {
		t.Errorf("unsafe fix edits = %s, want the config on disk (version null)", toJSON(u))
	}
	sup := documentEdits(t, suppress.Edit)
	if want := "      // wranglint-disable-next-line " + mismatch + " -- <reason>\n"; len(sup) != 1 || sup[0].Edits[0].NewText != want ||
		sup[0].Edits[0].Range.Start != (lsp.Position{Line: 10}) {
		t.Errorf("suppression = %s, want %q inserted at 11:1", toJSON(sup), want)
	}
	// The same fixes are offered from the client's line.
	var fromClient []lsp.CodeAction
	s.result("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": clientURI},
		"range": lsp.Range{Start: lsp.Position{Line: 4, Character: 40}, End: lsp.Position{Line: 4, Character: 40}}, "context": map[string]any{"diagnostics": []any{}}}, &fromClient)
	if len(fromClient) != 3 || !strings.Contains(documentEdits(t, fromClient[2].Edit)[0].TextDocument.URI, "client.tsx") {
		t.Errorf("actions from the client = %s, want both fixes and a suppression in the client", toJSON(fromClient))
	}

	// Hover on the binding name: the namespace and the client that misses it.
	var h struct {
		Contents struct{ Kind, Value string }
		Range    lsp.Range
	}
	s.result("textDocument/hover", position(config, 10, 20), &h)
	for _, want := range []string{"/agents/coder-agent/", "the top level", "src/client.tsx:5", "/agents/coderagent/"} {
		if !strings.Contains(h.Contents.Value, want) {
			t.Errorf("hover on the binding lacks %q:\n%s", want, h.Contents.Value)
		}
	}
	if h.Contents.Kind != "markdown" || h.Range.Start != (lsp.Position{Line: 10, Character: 16}) {
		t.Errorf("hover kind %q, range %+v", h.Contents.Kind, h.Range)
	}
	// Hover on the client's agent name: why no binding serves it.
	s.result("textDocument/hover", position(clientURI, 4, 38), &h)
	for _, want := range []string{"useAgent", "/agents/coderagent/", "no binding serves", `CoderAgent`, "wrangler.jsonc:11"} {
		if !strings.Contains(h.Contents.Value, want) {
			t.Errorf("hover on the client lacks %q:\n%s", want, h.Contents.Value)
		}
	}
	// Go to definition: client -> binding, class_name -> class.
	var locs []lsp.Location
	s.result("textDocument/definition", position(clientURI, 4, 38), &locs)
	if len(locs) != 1 || locs[0].URI != config || locs[0].Range.Start != (lsp.Position{Line: 10, Character: 16}) {
		t.Errorf("definition from the client = %+v, want the binding's name at 11:17", locs)
	}
	for _, char := range []int{48, 20} { // class_name, then name
		s.result("textDocument/definition", position(config, 10, char), &locs)
		if len(locs) != 1 || locs[0].URI != fileURI(filepath.Join(dir, "src", "server.ts")) || locs[0].Range.Start != (lsp.Position{Line: 2, Character: 13}) {
			t.Errorf("definition from 11:%d = %+v, want the class in src/server.ts at 3:14", char+1, locs)
		}
	}
	// Nothing to say elsewhere: hover and definition answer null and [].
	if r := s.call("textDocument/hover", position(config, 4, 3)); r.Error != nil || string(r.Result) != "null" {
		t.Errorf("hover on \"name\" = %s, %+v; want null", r.Result, r.Error)
	}
	if s.result("textDocument/definition", position(clientURI, 0, 3), &locs); len(locs) != 0 {
		t.Errorf("definition on an import = %+v, want none", locs)
	}

	// The client's fix applied to its buffer, not saved: the config clears.
	s.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": clientURI, "version": 2},
		"contentChanges": []any{map[string]any{"range": fix.Range, "text": fix.NewText}}})
	s.waitDiagnostics(config, "the config cleared by the unsaved fix", func(p lsp.PublishDiagnosticsParams) bool { return len(p.Diagnostics) == 0 })
	if data, _ := os.ReadFile(clientPath); !strings.Contains(string(data), `"coderagent"`) {
		t.Errorf("the client on disk changed")
	}
	// And back: the buffer broken again, the finding returns.
	s.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": clientURI, "version": 3},
		"contentChanges": []any{map[string]any{"range": lsp.Range{Start: fix.Range.Start, End: lsp.Position{Line: 4, Character: 46}}, "text": `"coderagent"`}}})
	s.waitDiagnostics(config, "the finding back", hasCode(mismatch))

	shutdown(t, s)
}

func shutdown(t *testing.T, s *session) {
	t.Helper()
	r := s.call("shutdown", nil)
	if r.Error != nil || string(r.Result) != "null" {
		t.Errorf("shutdown = %s, %+v", r.Result, r.Error)
	}
	s.notify("exit", nil)
	if code := s.done(); code != 0 {
		t.Errorf("exit code after shutdown and exit = %d, want 0", code)
	}
}

func position(uri string, line, char int) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": uri}, "position": lsp.Position{Line: line, Character: char}}
}

func hasCode(code string) func(lsp.PublishDiagnosticsParams) bool {
	return func(p lsp.PublishDiagnosticsParams) bool { return find(p.Diagnostics, code).Code != "" }
}

func find(ds []lsp.Diagnostic, code string) lsp.Diagnostic {
	for _, d := range ds {
		if d.Code == code {
			return d
		}
	}
	return lsp.Diagnostic{}
}

type docEdit struct {
	TextDocument struct {
		URI     string `json:"uri"`
		Version *int   `json:"version"`
	} `json:"textDocument"`
	Edits []lsp.TextEdit `json:"edits"`
	Kind  string         `json:"kind"`
	Old   string         `json:"oldUri"`
	New   string         `json:"newUri"`
}

// documentEdits decodes a workspace edit's documentChanges.
func documentEdits(t *testing.T, we *lsp.WorkspaceEdit) []docEdit {
	t.Helper()
	if we == nil {
		t.Fatal("a code action without an edit")
	}
	var out []docEdit
	data, _ := json.Marshal(we.DocumentChanges)
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func toJSON(v any) string {
	data, _ := json.MarshalIndent(v, "", "  ")
	return string(data)
}

// treeHash hashes every file's path and bytes below dir.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(data))
		h.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}
