package lsp_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wranglint/wranglint/lint/lsp"
)

// A config with a byte order mark, CRLF line endings and characters
// outside ASCII (one outside the Basic Multilingual Plane) before the
// finding: positions are UTF-16 units, the suppression ends its line with
// CRLF, and applied to the unsaved buffer it silences the finding.
func TestCRLFAndNonASCII(t *testing.T) {
	dir := copyTree(t, "../../testdata/coderagent")
	cfgPath := filepath.Join(dir, "wrangler.jsonc")
	data, _ := os.ReadFile(cfgPath)
	lines := strings.Split(string(data), "\n")
	lines[10] = `      { /* clé 🚀 */ "name": "CoderAgent", "class_name": "CoderAgent" }`
	crlf := "\uFEFF" + strings.Join(lines, "\r\n")
	write(t, cfgPath, crlf)

	s := startInProcess(t, newEngine(), 0)
	s.initialize(dir, capabilities())
	uri := fileURI(cfgPath)
	want := lsp.Range{Start: lsp.Position{Line: 10, Character: 29}, End: lsp.Position{Line: 10, Character: 41}}
	p := s.waitDiagnostics(uri, "the finding in the CRLF config on disk", hasCode(mismatch))
	if d := find(p.Diagnostics, mismatch); d.Range != want {
		t.Errorf("range = %+v, want %+v", d.Range, want)
	}
	// The editor's text has no byte order mark.
	s.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "jsonc", "version": 1, "text": strings.TrimPrefix(crlf, "\uFEFF")}})
	p = s.waitDiagnostics(uri, "the finding in the open buffer", func(p lsp.PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == 1 })
	d := find(p.Diagnostics, mismatch)
	if d.Range != want {
		t.Errorf("range in the buffer = %+v, want %+v", d.Range, want)
	}
	var h struct{ Contents struct{ Value string } }
	s.result("textDocument/hover", position(uri, 10, 35), &h)
	if !strings.Contains(h.Contents.Value, "/agents/coder-agent/") {
		t.Errorf("hover after non-ASCII text = %q", h.Contents.Value)
	}
	var actions []lsp.CodeAction
	s.result("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": d.Range, "context": map[string]any{"diagnostics": []any{d}}}, &actions)
	sup := actionTitled(t, actions, "Suppress")
	edit := documentEdits(t, sup.Edit)[0]
	if want := "      // wranglint-disable-next-line " + mismatch + " -- <reason>\r\n"; edit.Edits[0].NewText != want || *edit.TextDocument.Version != 1 {
		t.Fatalf("suppression = %s, want %q at version 1", toJSON(edit), want)
	}
	s.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"range": edit.Edits[0].Range, "text": edit.Edits[0].NewText}}})
	p = s.waitDiagnostics(uri, "the suppressed buffer", func(p lsp.PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == 2 })
	if len(p.Diagnostics) != 0 {
		t.Errorf("after the suppression: %s", toJSON(p.Diagnostics))
	}
	shutdown(t, s)
}

// TOML comments start with #; JSON has none, so no suppression there; a
// fix that renames a file is a RenameFile operation for a client that
// takes them, and is not offered to one that does not.
func TestTOMLSuppressionAndRenames(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "api", "wrangler.toml"), "name = \"api\"\nmain = \"src/index.ts\"\ncompatibility_date = \"2025-13-01\"\n")
	write(t, filepath.Join(dir, "api", "src", "index.ts"), "export default { async fetch() { return new Response(\"ok\"); } };\n")
	write(t, filepath.Join(dir, "web", "wrangler.json"), "{\n  // the site\n  \"name\": \"web\",\n  \"main\": \"src/index.ts\",\n  \"compatibility_date\": \"2025-10-01\"\n}\n")
	write(t, filepath.Join(dir, "web", "src", "index.ts"), "export default { async fetch() { return new Response(\"ok\"); } };\n")
	toml, json := fileURI(filepath.Join(dir, "api", "wrangler.toml")), fileURI(filepath.Join(dir, "web", "wrangler.json"))

	for _, renames := range []bool{true, false} {
		caps := capabilities()
		if !renames {
			caps["workspace"] = map[string]any{"workspaceEdit": map[string]any{"documentChanges": false}}
		}
		s := startInProcess(t, newEngine(), 0)
		s.initialize(dir, caps)
		d := find(s.waitDiagnostics(toml, "the TOML finding", hasCode("compat-date-invalid")).Diagnostics, "compat-date-invalid")
		var actions []lsp.CodeAction
		s.result("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": toml}, "range": d.Range, "context": map[string]any{"diagnostics": []any{d}}}, &actions)
		sup := actionTitled(t, actions, "Suppress")
		text := ""
		if renames {
			text = documentEdits(t, sup.Edit)[0].Edits[0].NewText
		} else {
			text = sup.Edit.Changes[toml][0].NewText
		}
		if want := "# wranglint-disable-next-line compat-date-invalid -- <reason>\n"; text != want {
			t.Errorf("TOML suppression = %q, want %q", text, want)
		}

		d = find(s.waitDiagnostics(json, "the JSON finding", hasCode("json-with-comments")).Diagnostics, "json-with-comments")
		s.result("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": json}, "range": d.Range, "context": map[string]any{"diagnostics": []any{d}}}, &actions)
		if !renames {
			if len(actions) != 0 {
				t.Errorf("a client without resource operations got %s", toJSON(actions))
			}
			shutdown(t, s)
			continue
		}
		if len(actions) != 1 {
			t.Fatalf("actions on wrangler.json = %s, want the rename alone (JSON takes no comment)", toJSON(actions))
		}
		ops := documentEdits(t, actions[0].Edit)
		if len(ops) != 1 || ops[0].Kind != "rename" || ops[0].Old != json || ops[0].New != fileURI(filepath.Join(dir, "web", "wrangler.jsonc")) {
			t.Errorf("rename = %s", toJSON(ops))
		}
		shutdown(t, s)
	}
}

// A file changed on disk (a checkout) is read again: the watched-files
// notification relints, and the server asked the client to watch.
func TestFilesChangedOnDisk(t *testing.T) {
	dir := copyTree(t, "../../testdata/coderagent")
	s := startInProcess(t, newEngine(), 0)
	s.initialize(dir, capabilities())
	config := fileURI(filepath.Join(dir, "wrangler.jsonc"))
	s.waitDiagnostics(config, "the seed mistake", hasCode(mismatch))
	clientPath := filepath.Join(dir, "src", "client.tsx")
	data, _ := os.ReadFile(clientPath)
	write(t, clientPath, strings.Replace(string(data), `"coderagent"`, `"CoderAgent"`, 1))
	s.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": fileURI(clientPath), "type": 2}}})
	s.waitDiagnostics(config, "the config cleared by the checkout", func(p lsp.PublishDiagnosticsParams) bool { return len(p.Diagnostics) == 0 })
	s.mu.Lock()
	asked := append([]message(nil), s.asked...)
	s.mu.Unlock()
	if len(asked) != 1 || asked[0].Method != "client/registerCapability" || !strings.Contains(string(asked[0].Params), "workspace/didChangeWatchedFiles") {
		t.Errorf("server requests = %+v, want one registration of the file watchers", asked)
	}
	shutdown(t, s)
}

// Settings edited in an unsaved .wranglint.jsonc apply at once: a bad
// level is reported there, a good one changes the config's finding.
func TestUnsavedSettings(t *testing.T) {
	dir := copyTree(t, "../../testdata/coderagent")
	s := startInProcess(t, newEngine(), 0)
	s.initialize(dir, capabilities())
	config := fileURI(filepath.Join(dir, "wrangler.jsonc"))
	settings := fileURI(filepath.Join(dir, ".wranglint.jsonc"))
	s.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": settings, "languageId": "jsonc", "version": 1,
		"text": `{ "rules": { "` + mismatch + `": "warn" } }`}})
	p := s.waitDiagnostics(settings, "invalid-settings in the unsaved file", hasCode("invalid-settings"))
	if !strings.Contains(find(p.Diagnostics, "invalid-settings").Message, `"warning"`) {
		t.Errorf("invalid-settings message = %q", find(p.Diagnostics, "invalid-settings").Message)
	}
	s.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": settings, "version": 2},
		"contentChanges": []any{map[string]any{"text": `{ "rules": { "` + mismatch + `": "warning" } }`}}})
	s.waitDiagnostics(config, "the finding as a warning", func(p lsp.PublishDiagnosticsParams) bool { return find(p.Diagnostics, mismatch).Severity == 2 })
	s.waitDiagnostics(settings, "the settings cleared", func(p lsp.PublishDiagnosticsParams) bool { return len(p.Diagnostics) == 0 })
	shutdown(t, s)
}

// Without a workspace folder (an editor opened on one file), the buffer's
// project is linted.
func TestNoWorkspaceFolder(t *testing.T) {
	dir := copyTree(t, "../../testdata/coderagent")
	s := startInProcess(t, newEngine(), 0)
	s.result("initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": capabilities()}, nil)
	s.notify("initialized", map[string]any{})
	s.open(filepath.Join(dir, "src", "client.tsx"), 1)
	s.waitDiagnostics(fileURI(filepath.Join(dir, "wrangler.jsonc")), "the config's finding", hasCode(mismatch))
	shutdown(t, s)
}

// The protocol's life cycle: nothing before initialize, unknown methods
// are refused, nothing but exit after shutdown, and exit without shutdown
// exits 1.
func TestLifeCycle(t *testing.T) {
	dir := copyTree(t, "../../testdata/coderagent")
	s := startInProcess(t, newEngine(), 0)
	if r := s.call("textDocument/hover", position(fileURI(dir), 0, 0)); r.Error == nil || r.Error.Code != -32002 {
		t.Errorf("hover before initialize: %+v", r.Error)
	}
	s.initialize(dir, capabilities())
	if r := s.call("initialize", map[string]any{"capabilities": map[string]any{}}); r.Error == nil || r.Error.Code != -32600 {
		t.Errorf("a second initialize: %+v", r.Error)
	}
	// A change to a buffer the server does not have is said, not ignored.
	s.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": fileURI(filepath.Join(dir, "src", "client.tsx")), "version": 2},
		"contentChanges": []any{map[string]any{"text": "x"}}})
	if r := s.call("textDocument/formatting", map[string]any{}); r.Error == nil || r.Error.Code != -32601 {
		t.Errorf("an unknown method: %+v", r.Error)
	}
	if r := s.call("textDocument/hover", nil); r.Error == nil || r.Error.Code != -32602 {
		t.Errorf("hover without params: %+v", r.Error)
	}
	if !strings.Contains(s.logText(), "lost track of an edit") || !strings.Contains(s.logText(), "not open") {
		t.Errorf("logs = %s, want the lost change reported", s.logText())
	}
	s.call("shutdown", nil)
	if r := s.call("textDocument/hover", position(fileURI(dir), 0, 0)); r.Error == nil || r.Error.Code != -32600 {
		t.Errorf("hover after shutdown: %+v", r.Error)
	}
	s.notify("exit", nil)
	if code := s.done(); code != 0 {
		t.Errorf("exit code = %d, want 0", code)
	}

	s = startInProcess(t, newEngine(), 0)
	s.initialize(dir, capabilities())
	s.notify("exit", nil)
	if code := s.done(); code != 1 {
		t.Errorf("exit without shutdown: code %d, want 1", code)
	}
}

// countingEngine counts lints and can fail the first.
type countingEngine struct {
	lsp.Engine
	mu    sync.Mutex
	lints int
	panic bool
}

func (e *countingEngine) Lint(ctx context.Context, req lsp.LintRequest) (*lsp.Snapshot, error) {
	e.mu.Lock()
	e.lints++
	fail := e.panic && e.lints == 1
	e.mu.Unlock()
	if fail {
		panic("a rule's bug")
	}
	return e.Engine.Lint(ctx, req)
}

func (e *countingEngine) count() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.lints
}

// A burst of keystrokes is linted once, after the debounce; a request
// that needs fresh results does not wait for it.
func TestDebounce(t *testing.T) {
	dir := copyTree(t, "../../testdata/coderagent")
	e := &countingEngine{Engine: newEngine()}
	s := startInProcess(t, e, 500*time.Millisecond)
	s.initialize(dir, capabilities())
	uri := s.open(filepath.Join(dir, "src", "client.tsx"), 1)
	for v := 2; v <= 6; v++ {
		s.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": v},
			"contentChanges": []any{map[string]any{"range": lsp.Range{Start: lsp.Position{Line: 6}, End: lsp.Position{Line: 6}}, "text": "//\n"}}})
	}
	s.waitDiagnostics(uri, "the burst's lint", func(p lsp.PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == 6 })
	if n := e.count(); n != 1 {
		t.Errorf("%d lints for a burst of changes, want 1", n)
	}
	shutdown(t, s)

	e = &countingEngine{Engine: newEngine()}
	s = startInProcess(t, e, time.Hour)
	s.initialize(dir, capabilities())
	uri = s.open(filepath.Join(dir, "src", "client.tsx"), 1)
	var h struct{ Contents struct{ Value string } }
	s.result("textDocument/hover", position(uri, 4, 38), &h)
	if !strings.Contains(h.Contents.Value, "/agents/coderagent/") {
		t.Errorf("hover during an hour's debounce = %q", h.Contents.Value)
	}
	shutdown(t, s)
}

// A panic in the engine is reported to the client, and the session goes
// on: the next change is linted.
func TestEnginePanic(t *testing.T) {
	dir := copyTree(t, "../../testdata/coderagent")
	s := startInProcess(t, &countingEngine{Engine: newEngine(), panic: true}, 0)
	s.initialize(dir, capabilities())
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(s.logText(), "a rule's bug") {
		if time.Now().After(deadline) {
			t.Fatalf("the panic was not reported; logs: %s", s.logText())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(s.logText(), "internal error") {
		t.Errorf("logs = %s, want an internal error", s.logText())
	}
	s.open(filepath.Join(dir, "src", "client.tsx"), 1)
	s.waitDiagnostics(fileURI(filepath.Join(dir, "wrangler.jsonc")), "the finding after the panic", hasCode(mismatch))
	shutdown(t, s)
}

func actionTitled(t *testing.T, actions []lsp.CodeAction, prefix string) lsp.CodeAction {
	t.Helper()
	for _, a := range actions {
		if strings.HasPrefix(a.Title, prefix) {
			return a
		}
	}
	t.Fatalf("no action titled %q… in %s", prefix, toJSON(actions))
	return lsp.CodeAction{}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A secret's value is masked wherever the server shows text from files:
// here a binding named like the value of a password in vars.
func TestSecretsMasked(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "wrangler.jsonc"), `{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "vars": { "ADMIN_PASSWORD": "hunter2hunter2" },
  "durable_objects": { "bindings": [{ "name": "hunter2hunter2", "class_name": "Room" }] },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["Room"] }]
}
`)
	write(t, filepath.Join(dir, "src", "index.ts"), "import { DurableObject } from \"cloudflare:workers\";\nexport class Room extends DurableObject {}\nexport default { async fetch() { return new Response(\"ok\"); } };\n")
	s := startInProcess(t, newEngine(), 0)
	s.initialize(dir, capabilities())
	uri := fileURI(filepath.Join(dir, "wrangler.jsonc"))
	p := s.waitDiagnostics(uri, "the secret's finding", hasCode("secret-in-vars"))
	for _, d := range p.Diagnostics {
		if strings.Contains(d.Message, "hunter2hunter2") {
			t.Errorf("a diagnostic shows the secret: %q", d.Message)
		}
	}
	var h struct{ Contents struct{ Value string } }
	s.result("textDocument/hover", position(uri, 5, 50), &h)
	if !strings.Contains(h.Contents.Value, "**************") || strings.Contains(h.Contents.Value, "hunter2hunter2") {
		t.Errorf("hover = %q, want the binding's name masked", h.Contents.Value)
	}
	shutdown(t, s)
}
