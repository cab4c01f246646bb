// Package lsp is wranglint's language server (`wranglint lsp`): the
// editor's unsaved buffers are linted together with the files on disk,
// findings are published per file (a change to a client updates the
// config's diagnostic), fixes and suppressions are code actions, and
// hover and go to definition follow the routing model between Durable
// Object bindings and the clients that reach them.
//
// The JSON-RPC layer is github.com/sourcegraph/jsonrpc2 (maintained, small,
// no dependency in the build; its Content-Length framing is the protocol's
// base layer). The protocol's types are written out here (protocol.go):
// the protocol modules on the Go module proxy are unmaintained
// (go.lsp.dev/protocol, last release 2022) or heavy (github.com/tliron/glsp,
// last release 2024, with a logging stack and a web socket server); a
// minimal server on either added 1.0 and 1.3 MB to the stripped binary,
// against about 240 KB for this whole package with its JSON-RPC layer.
//
// The server never writes a file: edits reach the disk only through the
// editor, which applies the workspace edits of code actions.
package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/sourcegraph/jsonrpc2"
	"github.com/wranglint/wranglint/lint"
)

// RuleDocsURL links to a rule's documentation (lint.DocsURL, as every
// output format does).
func RuleDocsURL(rule string) string { return lint.DocsURL(rule) }

// Options configure a server.
type Options struct {
	Engine  Engine
	Version string // shown to the client as serverInfo.version
	// Debounce is how long the buffers must stay unchanged before a lint
	// starts; requests that need fresh results (code actions, hover) do
	// not wait for it.
	Debounce time.Duration
	// Log receives the server's own log (the client's stderr pane).
	Log io.Writer
}

// DefaultDebounce lets a burst of keystrokes through before linting.
const DefaultDebounce = 100 * time.Millisecond

// exitWait bounds how long exit waits for a lint under way.
const exitWait = 5 * time.Second

// freshWait bounds how long a request waits for the lint that covers the
// buffers as they are now.
const freshWait = 10 * time.Second

// Server is one language server session.
type Server struct {
	opts Options
	log  *log.Logger

	mu          sync.Mutex
	conn        *jsonrpc2.Conn // see peer
	state       int
	caps        clientCapabilities
	folders     []string
	docs        map[string]*document // by path
	edits       uint64               // counts changes that call for a lint
	lastEdit    time.Time
	changed     map[string]bool
	changedAll  bool // roots changed: the next lint starts afresh
	urgent      bool
	snap        *Snapshot
	snapEdits   uint64
	snapVersion map[string]int // the buffers' versions snap linted
	linted      chan struct{}  // closed and replaced after each lint
	published   map[string]bool
	notes       string
	exitCode    int

	kick     chan struct{}
	exit     chan struct{}
	exitOnce sync.Once
}

const (
	stateNew = iota
	stateRunning
	stateShutDown
)

// NewServer returns a server; Serve runs it.
func NewServer(opts Options) *Server {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	return &Server{opts: opts, log: log.New(opts.Log, "wranglint lsp: ", log.LstdFlags), docs: map[string]*document{},
		changed: map[string]bool{}, linted: make(chan struct{}), published: map[string]bool{},
		kick: make(chan struct{}, 1), exit: make(chan struct{}), exitCode: 1}
}

// Serve speaks the protocol over rw (standard input and output) until the
// client sends exit or closes the stream; it returns the exit code: 0
// after shutdown then exit, 1 otherwise, as the protocol asks.
func (s *Server) Serve(ctx context.Context, rw io.ReadWriteCloser) int {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	handler := jsonrpc2.HandlerWithError(s.handle)
	conn := jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(rw, jsonrpc2.VSCodeObjectCodec{}), handler, jsonrpc2.SetLogger(s.log))
	s.setPeer(conn)
	loopDone := make(chan struct{})
	go func() {
		defer close(loopDone)
		s.lintLoop(ctx)
	}()
	select {
	case <-s.exit:
	case <-conn.DisconnectNotify():
	case <-ctx.Done():
	}
	cancel()
	conn.Close()
	// A lint under way finishes first (it may be writing the scan cache),
	// but exit is not held up for long.
	select {
	case <-loopDone:
	case <-time.After(exitWait):
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.exitCode
}

func (s *Server) setPeer(conn *jsonrpc2.Conn) {
	s.mu.Lock()
	s.conn = conn
	s.mu.Unlock()
}

// peer is the connection to the client, for messages the server starts.
func (s *Server) peer() *jsonrpc2.Conn {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conn
}

// handle answers one request or notification. The connection calls it
// in the order messages arrive, one at a time, so edits apply in order.
func (s *Server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	s.setPeer(conn) // a message may come in before NewConn returns to Serve
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	switch {
	case req.Method == "exit":
		s.mu.Lock()
		if s.state == stateShutDown {
			s.exitCode = 0
		}
		s.mu.Unlock()
		s.exitOnce.Do(func() { close(s.exit) })
		return nil, nil
	case state == stateNew && req.Method != "initialize":
		if req.Notif {
			return nil, nil
		}
		return nil, &jsonrpc2.Error{Code: -32002, Message: "the server is not initialized yet: send initialize first"}
	case state == stateShutDown && !req.Notif:
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidRequest, Message: "the server is shut down: only exit is accepted"}
	}
	switch req.Method {
	case "initialize":
		if state != stateNew {
			return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidRequest, Message: "initialize was sent twice: the server is initialized already"}
		}
		var p initializeParams
		if err := unmarshal(req, &p); err != nil {
			return nil, err
		}
		return s.initialize(p), nil
	case "initialized":
		go s.registerWatchers(ctx)
		s.touch("", true)
		return nil, nil
	case "shutdown":
		s.mu.Lock()
		s.state = stateShutDown
		s.mu.Unlock()
		return nil, nil
	case "textDocument/didOpen":
		var p didOpenParams
		if err := unmarshal(req, &p); err != nil {
			return nil, err
		}
		s.didOpen(p)
		return nil, nil
	case "textDocument/didChange":
		var p didChangeParams
		if err := unmarshal(req, &p); err != nil {
			return nil, err
		}
		if err := s.didChange(p); err != nil {
			// The buffer may now differ from the editor's: say so where the user looks.
			s.logMessage(messageError, "wranglint lost track of an edit, so its findings may be wrong until the file is closed and opened again: "+err.Error())
			return nil, err
		}
		return nil, nil
	case "textDocument/didClose":
		var p didCloseParams
		if err := unmarshal(req, &p); err != nil {
			return nil, err
		}
		s.didClose(p)
		return nil, nil
	case "workspace/didChangeWatchedFiles":
		var p didChangeWatchedFilesParams
		if err := unmarshal(req, &p); err != nil {
			return nil, err
		}
		for _, ch := range p.Changes {
			if path, ok := pathFromURI(ch.URI); ok {
				s.touch(path, false)
			}
		}
		return nil, nil
	case "workspace/didChangeWorkspaceFolders":
		var p didChangeWorkspaceFoldersParams
		if err := unmarshal(req, &p); err != nil {
			return nil, err
		}
		s.changeFolders(p)
		return nil, nil
	case "textDocument/codeAction":
		var p codeActionParams
		if err := unmarshal(req, &p); err != nil {
			return nil, err
		}
		return s.codeActions(ctx, p), nil
	case "textDocument/hover":
		var p textDocumentPositionParams
		if err := unmarshal(req, &p); err != nil {
			return nil, err
		}
		return s.hover(ctx, p), nil
	case "textDocument/definition":
		var p textDocumentPositionParams
		if err := unmarshal(req, &p); err != nil {
			return nil, err
		}
		return s.definition(ctx, p), nil
	}
	if req.Notif {
		return nil, nil // $/cancelRequest, $/setTrace, didSave, didChangeConfiguration: nothing to do
	}
	return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "wranglint lsp does not implement " + req.Method}
}

func unmarshal(req *jsonrpc2.Request, v any) error {
	if req.Params == nil || string(*req.Params) == "null" {
		return &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: req.Method + " needs params"}
	}
	if err := json.Unmarshal(*req.Params, v); err != nil {
		return &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: req.Method + ": " + err.Error()}
	}
	return nil
}

func (s *Server) initialize(p initializeParams) initializeResult {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state = stateRunning
	s.caps = p.Capabilities
	for _, f := range p.WorkspaceFolders {
		if path, ok := pathFromURI(f.URI); ok {
			s.folders = append(s.folders, path)
		}
	}
	if len(s.folders) == 0 && p.RootURI != nil {
		if path, ok := pathFromURI(*p.RootURI); ok {
			s.folders = append(s.folders, path)
		}
	}
	var res initializeResult
	res.ServerInfo = serverInfo{Name: "wranglint", Version: s.opts.Version}
	c := &res.Capabilities
	c.PositionEncoding = "utf-16"
	c.TextDocumentSync = textDocumentSyncOptions{OpenClose: true, Change: syncIncremental}
	c.HoverProvider = true
	c.DefinitionProvider = true
	c.CodeActionProvider = codeActionOptions{CodeActionKinds: []string{kindQuickFix}}
	c.Workspace.WorkspaceFolders.Supported = true
	c.Workspace.WorkspaceFolders.ChangeNotifications = true
	return res
}

// watchedGlobs are the files whose change on disk can change a finding:
// configs, settings, scripts, and what decides SDK versions and imports.
var watchedGlobs = []string{
	"**/wrangler.{json,jsonc,toml}", "**/.wranglint.jsonc",
	"**/*.{js,jsx,ts,tsx,mjs,mts,cjs,cts,svelte,vue}",
	"**/package.json", "**/{package-lock.json,pnpm-lock.yaml,yarn.lock,bun.lock}",
	"**/tsconfig*.json", "**/.gitignore",
}

// registerWatchers asks the client to report changes on disk (a git
// checkout, a formatter run outside the editor), when it can.
func (s *Server) registerWatchers(ctx context.Context) {
	s.mu.Lock()
	dynamic := s.caps.Workspace.DidChangeWatchedFiles.DynamicRegistration
	s.mu.Unlock()
	if !dynamic {
		return
	}
	var ws []fileSystemWatcher
	for _, g := range watchedGlobs {
		ws = append(ws, fileSystemWatcher{GlobPattern: g})
	}
	params := registrationParams{Registrations: []registration{{ID: "wranglint-watch", Method: "workspace/didChangeWatchedFiles",
		RegisterOptions: watchedFilesOptions{Watchers: ws}}}}
	if err := s.peer().Call(ctx, "client/registerCapability", params, nil); err != nil {
		s.log.Printf("the client did not register the file watchers: %v", err)
	}
}

func (s *Server) didOpen(p didOpenParams) {
	path, ok := pathFromURI(p.TextDocument.URI)
	if !ok {
		return
	}
	s.mu.Lock()
	s.docs[path] = &document{uri: p.TextDocument.URI, path: path, version: p.TextDocument.Version, text: []byte(p.TextDocument.Text)}
	s.mu.Unlock()
	s.touch(path, false)
}

func (s *Server) didChange(p didChangeParams) error {
	path, ok := pathFromURI(p.TextDocument.URI)
	if !ok {
		return nil
	}
	s.mu.Lock()
	d := s.docs[path]
	if d == nil {
		s.mu.Unlock()
		return fmt.Errorf("didChange for %s, which is not open", p.TextDocument.URI)
	}
	// Changes build a new text; the old one may be in a lint's overlay.
	for _, ch := range p.ContentChanges {
		if err := d.apply(ch); err != nil {
			s.mu.Unlock()
			return fmt.Errorf("%s: %w", p.TextDocument.URI, err)
		}
	}
	if p.TextDocument.Version != nil {
		d.version = *p.TextDocument.Version
	}
	s.mu.Unlock()
	s.touch(path, false)
	return nil
}

func (s *Server) didClose(p didCloseParams) {
	path, ok := pathFromURI(p.TextDocument.URI)
	if !ok {
		return
	}
	s.mu.Lock()
	delete(s.docs, path)
	s.mu.Unlock()
	s.touch(path, false) // the file on disk is the truth again
}

func (s *Server) changeFolders(p didChangeWorkspaceFoldersParams) {
	s.mu.Lock()
	removed := map[string]bool{}
	for _, f := range p.Event.Removed {
		if path, ok := pathFromURI(f.URI); ok {
			removed[path] = true
		}
	}
	kept := s.folders[:0]
	for _, f := range s.folders {
		if !removed[f] {
			kept = append(kept, f)
		}
	}
	s.folders = kept
	for _, f := range p.Event.Added {
		if path, ok := pathFromURI(f.URI); ok {
			s.folders = append(s.folders, path)
		}
	}
	s.mu.Unlock()
	s.touch("", true)
}

// touch records a change (path "" with all: anything may have changed)
// and wakes the lint loop.
func (s *Server) touch(path string, all bool) {
	s.mu.Lock()
	s.edits++
	s.lastEdit = time.Now()
	if all {
		s.changedAll = true
	} else {
		s.changed[path] = true
	}
	s.mu.Unlock()
	s.wake()
}

func (s *Server) wake() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// lintLoop lints whenever the buffers or files changed and have stayed
// unchanged for the debounce time (at once when a request waits), one
// lint at a time; changes made during a lint start the next one.
func (s *Server) lintLoop(ctx context.Context) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.kick:
		case <-timer.C:
		}
		s.mu.Lock()
		pending := s.edits != s.snapEdits || s.snap == nil && s.edits > 0
		wait := s.opts.Debounce - time.Since(s.lastEdit)
		urgent := s.urgent
		s.mu.Unlock()
		if !pending {
			continue
		}
		if !urgent && wait > 0 {
			timer.Reset(wait)
			continue
		}
		s.lintOnce(ctx)
	}
}

// lintOnce lints the workspace as it is now and publishes the findings.
func (s *Server) lintOnce(ctx context.Context) {
	s.mu.Lock()
	req := LintRequest{Roots: append([]string(nil), s.folders...), Overlay: map[string][]byte{}, Previous: s.snap}
	versions := map[string]int{}
	uris := map[string]string{}
	for path, d := range s.docs {
		req.Overlay[path] = d.text // never changed in place: apply builds a new text
		versions[path] = d.version
		uris[path] = d.uri
	}
	if !s.changedAll {
		req.Changed = sortedKeys(s.changed)
	}
	s.changed, s.changedAll, s.urgent = map[string]bool{}, false, false
	edits := s.edits
	s.mu.Unlock()

	snap, err := s.runEngine(ctx, req)
	if err != nil {
		if ctx.Err() == nil {
			s.logMessage(messageError, "wranglint could not lint the workspace: "+err.Error())
		}
	}
	s.mu.Lock()
	if snap != nil {
		s.snap, s.snapVersion = snap, versions
	}
	s.snapEdits = edits
	close(s.linted)
	s.linted = make(chan struct{})
	s.mu.Unlock()
	if snap != nil {
		s.publish(ctx, snap, versions, uris)
	}
}

// runEngine lints, turning a panic of the engine into an error: a bug in
// one rule must not end the editor's session.
func (s *Server) runEngine(ctx context.Context, req LintRequest) (snap *Snapshot, err error) {
	if len(req.Roots) == 0 && len(req.Overlay) == 0 {
		return &Snapshot{Queries: noQueries{}}, nil
	}
	defer func() {
		if r := recover(); r != nil {
			snap, err = nil, fmt.Errorf("internal error (please report it): %v", r)
		}
	}()
	return s.opts.Engine.Lint(ctx, req)
}

// publish sends each file's diagnostics: the files with findings, every
// open buffer (empty when clean), and the files that had findings
// before and have none now.
func (s *Server) publish(ctx context.Context, snap *Snapshot, versions map[string]int, uris map[string]string) {
	byURI := map[string][]Diagnostic{}
	paths := map[string]string{}
	uriOf := func(path string) string {
		if u, ok := uris[path]; ok {
			return u
		}
		return uriFromPath(path)
	}
	for _, f := range snap.Findings {
		u := uriOf(f.Span.File.Path)
		byURI[u] = append(byURI[u], diagnostic(f, uriOf))
		paths[u] = f.Span.File.Path
	}
	for path := range versions {
		u := uriOf(path)
		paths[u] = path
		if byURI[u] == nil {
			byURI[u] = []Diagnostic{}
		}
	}
	s.mu.Lock()
	for u := range s.published {
		if byURI[u] == nil {
			byURI[u] = []Diagnostic{}
		}
	}
	s.published = map[string]bool{}
	for u, ds := range byURI {
		if len(ds) > 0 {
			s.published[u] = true
		}
	}
	notes := strings.Join(snap.Notes, "\n")
	logNotes := notes != s.notes
	s.notes = notes
	s.mu.Unlock()
	for _, u := range sortedKeys(byURI) {
		p := PublishDiagnosticsParams{URI: u, Diagnostics: byURI[u]}
		if v, open := versions[paths[u]]; open {
			p.Version = &v
		}
		if err := s.peer().Notify(ctx, "textDocument/publishDiagnostics", p); err != nil {
			return
		}
	}
	if logNotes && notes != "" {
		s.logMessage(messageWarning, notes)
	}
}

func (s *Server) logMessage(kind int, msg string) {
	if err := s.peer().Notify(context.Background(), "window/logMessage", logMessageParams{Type: kind, Message: msg}); err != nil {
		s.log.Print(msg)
	}
}

// diagnostic converts a finding; uriOf names each file as the client does.
func diagnostic(f Finding, uriOf func(string) string) Diagnostic {
	d := Diagnostic{Range: toRange(f.Span), Severity: severityOf(f.Severity), Code: f.Rule,
		CodeDescription: &codeDescription{Href: RuleDocsURL(f.Rule)}, Source: "wranglint", Message: f.Message}
	for _, r := range f.Related {
		d.RelatedInformation = append(d.RelatedInformation, relatedInformation{
			Location: Location{URI: uriOf(r.Span.File.Path), Range: toRange(r.Span)}, Message: r.Note})
	}
	d.Data, _ = json.Marshal(diagnosticData{Key: f.Key})
	return d
}

type diagnosticData struct {
	Key string `json:"key"`
}

func severityOf(s Severity) int {
	switch s {
	case SeverityError:
		return severityError
	case SeverityWarning:
		return severityWarning
	}
	return severityInformation
}

// current returns a snapshot that covers every change made so far,
// waiting for the lint that makes it (at once, without the debounce).
func (s *Server) current(ctx context.Context) (*Snapshot, map[string]int) {
	deadline := time.NewTimer(freshWait)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		if s.snap != nil && s.snapEdits == s.edits {
			snap, v := s.snap, s.snapVersion
			s.mu.Unlock()
			return snap, v
		}
		s.urgent = true
		linted := s.linted
		s.mu.Unlock()
		s.wake()
		select {
		case <-linted:
		case <-deadline.C:
			s.mu.Lock()
			defer s.mu.Unlock()
			return s.snap, s.snapVersion
		case <-ctx.Done():
			return nil, nil
		}
	}
}

// uri names a path as the client does (its own URI for open buffers).
func (s *Server) uri(path string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d := s.docs[path]; d != nil {
		return d.uri
	}
	return uriFromPath(path)
}

func (s *Server) hover(ctx context.Context, p textDocumentPositionParams) *hoverResult {
	path, ok := pathFromURI(p.TextDocument.URI)
	if !ok {
		return nil
	}
	snap, _ := s.current(ctx)
	if snap == nil {
		return nil
	}
	f := snap.Queries.File(path)
	if f == nil {
		return nil
	}
	h, ok := snap.Queries.Hover(path, offset(f, p.Position))
	if !ok {
		return nil
	}
	s.mu.Lock()
	kind := "plaintext"
	for _, k := range s.caps.TextDocument.Hover.ContentFormat {
		if k == "markdown" {
			kind = "markdown"
			break
		}
	}
	s.mu.Unlock()
	r := toRange(h.Span)
	return &hoverResult{Contents: markupContent{Kind: kind, Value: h.Markdown}, Range: &r}
}

func (s *Server) definition(ctx context.Context, p textDocumentPositionParams) []Location {
	path, ok := pathFromURI(p.TextDocument.URI)
	if !ok {
		return nil
	}
	snap, _ := s.current(ctx)
	if snap == nil {
		return nil
	}
	f := snap.Queries.File(path)
	if f == nil {
		return nil
	}
	out := []Location{}
	for _, sp := range snap.Queries.Definition(path, offset(f, p.Position)) {
		out = append(out, Location{URI: s.uri(sp.File.Path), Range: toRange(sp)})
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
