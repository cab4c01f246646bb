package lsp_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/lsp"
	"github.com/wranglint/wranglint/rules"
)

// client is a language client written from the protocol's base layer up
// (Content-Length framing, JSON-RPC ids), independent of the server's
// JSON-RPC library, so that the tests check what goes over the wire.
type client struct {
	t   testing.TB
	w   io.Writer
	wmu sync.Mutex

	mu      sync.Mutex
	nextID  int
	waiting map[int]chan response
	diags   map[string]lsp.PublishDiagnosticsParams // the latest per URI
	updated chan struct{}                           // closed and replaced on each publication
	logs    []string
	asked   []message // the server's requests to the client
	closed  chan struct{}
}

type response struct {
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

type message struct {
	ID     *json.RawMessage `json:"id"`
	Method string           `json:"method"`
	Params json.RawMessage  `json:"params"`
	response
}

func newClient(t testing.TB, r io.Reader, w io.Writer) *client {
	c := &client{t: t, w: w, waiting: map[int]chan response{}, diags: map[string]lsp.PublishDiagnosticsParams{},
		updated: make(chan struct{}), closed: make(chan struct{})}
	go c.read(bufio.NewReader(r))
	return c
}

func (c *client) read(r *bufio.Reader) {
	defer close(c.closed)
	for {
		length := -1
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimRight(line, "\r\n")
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				length, _ = strconv.Atoi(v)
			}
		}
		if length < 0 {
			c.t.Errorf("a message without Content-Length")
			return
		}
		body := make([]byte, length)
		if _, err := io.ReadFull(r, body); err != nil {
			return
		}
		var m message
		if err := json.Unmarshal(body, &m); err != nil {
			c.t.Errorf("the server sent invalid JSON: %v: %s", err, body)
			return
		}
		switch {
		case m.Method != "" && m.ID != nil: // a request of the server's
			c.mu.Lock()
			c.asked = append(c.asked, m)
			c.mu.Unlock()
			// Answered apart from reading, as editors do: the server may
			// not read while it answers a request of ours.
			go c.send(map[string]any{"jsonrpc": "2.0", "id": m.ID, "result": nil})
		case m.Method == "textDocument/publishDiagnostics":
			var p lsp.PublishDiagnosticsParams
			if err := json.Unmarshal(m.Params, &p); err != nil {
				c.t.Errorf("publishDiagnostics: %v", err)
			}
			c.mu.Lock()
			c.diags[p.URI] = p
			close(c.updated)
			c.updated = make(chan struct{})
			c.mu.Unlock()
		case m.Method == "window/logMessage":
			c.mu.Lock()
			c.logs = append(c.logs, string(m.Params))
			c.mu.Unlock()
		case m.ID != nil:
			var id int
			json.Unmarshal(*m.ID, &id)
			c.mu.Lock()
			ch := c.waiting[id]
			delete(c.waiting, id)
			c.mu.Unlock()
			if ch != nil {
				ch <- m.response
			}
		}
	}
}

func (c *client) logText() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return strings.Join(c.logs, "\n")
}

func (c *client) send(v any) {
	data, err := json.Marshal(v)
	if err != nil {
		c.t.Fatal(err)
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(data), data)
}

func (c *client) notify(method string, params any) {
	c.send(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// call sends a request and returns its response (an error response too).
func (c *client) call(method string, params any) response {
	c.t.Helper()
	c.mu.Lock()
	c.nextID++
	id := c.nextID
	ch := make(chan response, 1)
	c.waiting[id] = ch
	c.mu.Unlock()
	c.send(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
	select {
	case r := <-ch:
		return r
	case <-time.After(30 * time.Second):
		c.t.Fatalf("no answer to %s in 30 s", method)
	case <-c.closed:
		c.t.Fatalf("the server closed the stream before answering %s", method)
	}
	return response{}
}

// result calls and decodes a successful result into v.
func (c *client) result(method string, params, v any) {
	c.t.Helper()
	r := c.call(method, params)
	if r.Error != nil {
		c.t.Fatalf("%s: error %d: %s", method, r.Error.Code, r.Error.Message)
	}
	if v != nil {
		if err := json.Unmarshal(r.Result, v); err != nil {
			c.t.Fatalf("%s: %v: %s", method, err, r.Result)
		}
	}
}

// waitDiagnostics waits until the latest diagnostics published for uri
// satisfy ok, and returns them.
func (c *client) waitDiagnostics(uri string, what string, ok func(lsp.PublishDiagnosticsParams) bool) lsp.PublishDiagnosticsParams {
	c.t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		c.mu.Lock()
		p, seen := c.diags[uri]
		updated := c.updated
		c.mu.Unlock()
		if seen && ok(p) {
			return p
		}
		select {
		case <-updated:
		case <-deadline:
			c.t.Fatalf("%s: not published in 30 s; last for %s: %+v", what, uri, p)
		case <-c.closed:
			c.t.Fatalf("%s: the server closed the stream", what)
		}
	}
}

// capabilities are those of a client like VS Code's.
func capabilities() map[string]any {
	return map[string]any{
		"workspace": map[string]any{
			"workspaceEdit":         map[string]any{"documentChanges": true, "resourceOperations": []string{"create", "rename", "delete"}},
			"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true},
		},
		"textDocument": map[string]any{
			"hover":              map[string]any{"contentFormat": []string{"markdown", "plaintext"}},
			"publishDiagnostics": map[string]any{"relatedInformation": true, "codeDescriptionSupport": true, "versionSupport": true},
		},
	}
}

// initialize opens the session on the folder with the capabilities.
func (c *client) initialize(folder string, caps map[string]any) {
	c.t.Helper()
	var res struct {
		Capabilities map[string]any `json:"capabilities"`
		ServerInfo   struct {
			Name string `json:"name"`
		} `json:"serverInfo"`
	}
	c.result("initialize", map[string]any{"processId": os.Getpid(), "rootUri": fileURI(folder),
		"workspaceFolders": []map[string]any{{"uri": fileURI(folder), "name": filepath.Base(folder)}},
		"capabilities":     caps}, &res)
	if res.ServerInfo.Name != "wranglint" {
		c.t.Errorf("serverInfo.name = %q", res.ServerInfo.Name)
	}
	c.notify("initialized", map[string]any{})
}

func (c *client) open(path string, version int) string {
	c.t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		c.t.Fatal(err)
	}
	uri := fileURI(path)
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": languageID(path), "version": version, "text": string(data)}})
	return uri
}

func languageID(path string) string {
	switch filepath.Ext(path) {
	case ".tsx":
		return "typescriptreact"
	case ".ts":
		return "typescript"
	case ".toml":
		return "toml"
	}
	return "jsonc"
}

// fileURI is written independently of the server's conversion.
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if runtime.GOOS == "windows" {
		p = "/" + p
	}
	return "file://" + (&url.URL{Path: p}).EscapedPath()
}

// copyTree copies a testdata folder into a temporary one.
func copyTree(t testing.TB, from string) string {
	t.Helper()
	to := t.TempDir()
	err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	// Resolve symbolic links in the temporary folder's path (macOS /var),
	// as the server sees the paths it is given.
	if real, err := filepath.EvalSymlinks(to); err == nil {
		to = real
	}
	return to
}

// session is a server and a client talking over a pair of pipes, in
// this process; done returns the server's exit code once it stops.
type session struct {
	*client
	done func() int
}

func startInProcess(t testing.TB, engine lsp.Engine, debounce time.Duration) *session {
	t.Helper()
	cr, sw := io.Pipe() // server to client
	sr, cw := io.Pipe() // client to server
	s := lsp.NewServer(lsp.Options{Engine: engine, Version: "test", Debounce: debounce, Log: newTestLog(t)})
	code := make(chan int, 1)
	go func() {
		code <- s.Serve(context.Background(), pipeRW{sr, sw})
		sw.Close()
	}()
	t.Cleanup(func() { cw.Close() })
	return &session{client: newClient(t, cr, cw), done: func() int {
		select {
		case c := <-code:
			return c
		case <-time.After(10 * time.Second):
			t.Fatal("the server did not stop in 10 s")
			return -1
		}
	}}
}

// newEngine is the engine `wranglint lsp` runs, without the disk cache.
func newEngine() lsp.Engine { return lsp.NewEngine(rules.All(), (*jscode.Cache)(nil)) }

type pipeRW struct {
	io.Reader
	io.WriteCloser
}

// testLog passes the server's log to the test's, until the test ends
// (a server goroutine may still log while the test returns).
type testLog struct {
	t    testing.TB
	mu   sync.Mutex
	done bool
}

func newTestLog(t testing.TB) *testLog {
	l := &testLog{t: t}
	t.Cleanup(func() { l.mu.Lock(); l.done = true; l.mu.Unlock() })
	return l
}

func (l *testLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.done {
		l.t.Log(strings.TrimRight(string(p), "\n"))
	}
	return len(p), nil
}

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// binary builds `wranglint` once per test run.
func binary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "wranglint-lsp-bin")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "wranglint")
		if runtime.GOOS == "windows" {
			builtBin += ".exe"
		}
		cmd := exec.Command("go", "build", "-o", builtBin, "github.com/wranglint/wranglint/cmd/wranglint")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

// startBinary runs `wranglint lsp --stdio` as an editor does.
func startBinary(t testing.TB) *session {
	t.Helper()
	cmd := exec.Command(binary(t), "lsp", "--stdio", "--no-cache")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = newTestLog(t)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, stdout, stdin)
	errc := make(chan error, 1)
	go func() {
		<-c.closed // Wait closes stdout: read everything first
		errc <- cmd.Wait()
	}()
	t.Cleanup(func() { stdin.Close(); cmd.Process.Kill() })
	return &session{client: c, done: func() int {
		select {
		case err := <-errc:
			if ee, ok := err.(*exec.ExitError); ok {
				return ee.ExitCode()
			}
			if err != nil {
				t.Fatal(err)
			}
			return 0
		case <-time.After(10 * time.Second):
			t.Fatal("wranglint lsp did not exit in 10 s")
			return -1
		}
	}}
}
