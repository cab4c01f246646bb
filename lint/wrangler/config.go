package wrangler

import (
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/wranglint/wranglint/lint/source"
)

// Config is one wrangler configuration file.
type Config struct {
	File   *source.File
	Format string // "json", "jsonc" or "toml"
	Dir    string // the Worker project's folder (absolute)
	Root   *Node
	Envs   []*Env // Envs[0] is the top level, then env.<name> in file order

	commentsOnce sync.Once // Comments, found on first use
	comments     []Comment
}

// Env is the top level or one named environment, resolved as wrangler
// resolves it: inheritable keys fall back to the top level, others do not.
type Env struct {
	Name   string // the environment's name ("" for the top level, but "" is also a legal name)
	Config *Config
	Node   *Node // the env.<name> object; the root for the top level
	top    bool
}

// NonInheritable lists the keys a named environment does not inherit from
// the top level (wrangler's list; see spec/wrangler-config.md).
var NonInheritable = setOf("vars", "secrets", "define", "durable_objects", "workflows",
	"kv_namespaces", "cloudchamber", "containers", "send_email", "queues", "connect",
	"r2_buckets", "d1_databases", "vectorize", "ai_search_namespaces", "ai_search",
	"websearch", "agent_memory", "hyperdrive", "services", "analytics_engine_datasets",
	"dispatch_namespaces", "mtls_certificates", "tail_consumers", "streaming_tail_consumers",
	"unsafe", "browser", "ai", "images", "stream", "media", "pipelines",
	"secrets_store_secrets", "artifacts", "unsafe_hello_world", "flagship",
	"worker_loaders", "ratelimits", "vpc_services", "vpc_networks", "version_metadata")

// TopLevelOnly lists keys that only mean something outside env.<name>.
var TopLevelOnly = setOf("$schema", "env", "send_metrics", "dev", "site", "wasm_modules",
	"text_blobs", "data_blobs", "alias", "keep_vars", "pages_build_output_dir",
	"legacy_env", "migrations_pragma")

func setOf(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// NewConfig builds the model of a parsed config file.
func NewConfig(f *source.File, root *Node) *Config {
	c := &Config{File: f, Root: root, Dir: filepath.Dir(f.Path), Format: strings.TrimPrefix(filepath.Ext(f.Path), ".")}
	c.Envs = append(c.Envs, &Env{Config: c, Node: root, top: true})
	if envs := root.Get("env"); envs.IsObject() {
		seen := map[string]bool{}
		for _, m := range envs.Members {
			if m.Value.IsObject() && !seen[m.Key] {
				seen[m.Key] = true
				c.Envs = append(c.Envs, &Env{Name: m.Key, Config: c, Node: envs.Get(m.Key)})
			}
		}
	}
	return c
}

// Top returns the top-level environment.
func (c *Config) Top() *Env { return c.Envs[0] }

// IsTop reports whether e is the top level (not an environment named "").
func (e *Env) IsTop() bool { return e.top }

// Label names the environment in messages.
func (e *Env) Label() string {
	if e.IsTop() {
		return "the top level"
	}
	return "env " + source.Quote(e.Name)
}

// Get returns the effective value of key in this environment.
func (e *Env) Get(key string) *Node {
	if v := e.Node.Get(key); v != nil || e.IsTop() {
		return v
	}
	if NonInheritable[key] || TopLevelOnly[key] {
		return nil
	}
	return e.Config.Root.Get(key)
}

// Own returns key only where this environment itself declares it.
func (e *Env) Own(key string) *Node { return e.Node.Get(key) }

// WorkerName is the deployed name: a named environment appends -<env>
// unless it sets its own name.
func (e *Env) WorkerName() string {
	if v, ok := e.Node.GetString("name"); ok {
		return v
	}
	top, _ := e.Config.Root.GetString("name")
	if e.IsTop() || top == "" {
		return top
	}
	return top + "-" + e.Name
}

// Main returns the effective main entry point, as written.
func (e *Env) Main() (string, *Node) {
	n := e.Get("main")
	s, _ := n.String()
	return s, n
}

// DOBinding is one entry of durable_objects.bindings.
type DOBinding struct {
	Env        *Env
	Node       *Node
	Name       string
	NameNode   *Node
	ClassName  string
	ClassNode  *Node
	ScriptName string
}

// Local reports whether the class lives in this Worker (no script_name).
func (b *DOBinding) Local() bool { return b.ScriptName == "" }

// DurableObjects returns this environment's Durable Object bindings that
// have a string name (shape errors are a rule's business).
func (e *Env) DurableObjects() []*DOBinding {
	var out []*DOBinding
	for _, n := range e.Get("durable_objects").Get("bindings").Objects() {
		b := &DOBinding{Env: e, Node: n, NameNode: n.Get("name"), ClassNode: n.Get("class_name")}
		var ok bool
		if b.Name, ok = b.NameNode.String(); !ok {
			continue
		}
		b.ClassName, _ = b.ClassNode.String()
		b.ScriptName, _ = n.GetString("script_name")
		out = append(out, b)
	}
	return out
}

// Workflow is one entry of workflows.
type Workflow struct {
	Env        *Env
	Node       *Node
	Binding    string
	ClassName  string
	ClassNode  *Node
	ScriptName string
}

// Workflows returns this environment's workflows with a string class_name.
func (e *Env) Workflows() []*Workflow {
	var out []*Workflow
	for _, n := range e.Get("workflows").Objects() {
		w := &Workflow{Env: e, Node: n, ClassNode: n.Get("class_name")}
		var ok bool
		if w.ClassName, ok = w.ClassNode.String(); !ok {
			continue
		}
		w.Binding, _ = n.GetString("binding")
		w.ScriptName, _ = n.GetString("script_name")
		out = append(out, w)
	}
	return out
}

// RoutePatterns returns the host patterns of route and routes.
func (e *Env) RoutePatterns() []string {
	var out []string
	add := func(n *Node) {
		if s, ok := n.String(); ok {
			out = append(out, s)
		} else if s, ok := n.GetString("pattern"); ok {
			out = append(out, s)
		}
	}
	add(e.Get("route"))
	if r := e.Get("routes"); r.IsArray() {
		for _, it := range r.Items {
			add(it)
		}
	}
	return out
}

// ShadowedBy says which config wrangler would read instead of this one
// when run in its folder: wrangler looks for wrangler.json, then
// wrangler.jsonc, then wrangler.toml, each from the folder upwards. It
// returns "" when this file is the one wrangler reads.
func (c *Config) ShadowedBy(fs *source.FileSet) string {
	for _, name := range source.ConfigNames {
		winner := ""
		source.WalkUp(c.Dir, func(d string) bool {
			if cand := filepath.Join(d, name); fs.IsFile(cand) {
				winner = cand
				return true
			}
			return false
		})
		if winner != "" {
			if winner == c.File.Path {
				return ""
			}
			return winner
		}
	}
	return ""
}

// CommentsAndTrailingCommas finds the first comment and the first
// trailing comma of a JSONC file (-1 when there is none).
func (c *Config) CommentsAndTrailingCommas() (comment, comma int) {
	comment, comma = -1, -1
	d := c.File.Data
	for i := 0; i < len(d); i++ {
		switch d[i] {
		case '"':
			for i++; i < len(d) && d[i] != '"'; i++ {
				if d[i] == '\\' {
					i++
				}
			}
		case '/':
			if i+1 < len(d) && (d[i+1] == '/' || d[i+1] == '*') && comment < 0 {
				comment = i
			}
			i = skipBlank(d, i, true) - 1
		case ',':
			if j := skipBlank(d, i+1, true); j < len(d) && (d[j] == '}' || d[j] == ']') && comma < 0 {
				comma = i
			}
		}
	}
	return comment, comma
}

// RouteCoversHost matches a route pattern ("*.example.com/*",
// "example.com") against a host name.
func RouteCoversHost(pattern, host string) bool {
	pattern = strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(pattern), "https://"), "http://")
	if i := strings.IndexByte(pattern, '/'); i >= 0 {
		pattern = pattern[:i]
	}
	if i := strings.IndexByte(pattern, ':'); i >= 0 {
		pattern = pattern[:i]
	}
	if pattern == "" {
		return false
	}
	host = strings.ToLower(host)
	if ok, err := path.Match(pattern, host); err == nil && ok {
		return true
	}
	return strings.HasPrefix(pattern, "*") && strings.HasSuffix(host, strings.TrimPrefix(pattern, "*"))
}

// workerKeys are top-level keys only Worker (or Pages) configs have.
var workerKeys = []string{"name", "main", "compatibility_date", "compatibility_flags", "pages_build_output_dir", "assets",
	"durable_objects", "routes", "route", "kv_namespaces", "d1_databases", "r2_buckets", "services", "queues",
	"triggers", "workflows", "containers", "workers_dev", "account_id"}

// LooksLikeWorkerConfig reports whether a parsed file reads as a wrangler
// config: an object with at least one key only Worker configs have.
func LooksLikeWorkerConfig(root *Node) bool {
	if !root.IsObject() {
		return false
	}
	for _, k := range workerKeys {
		if root.Get(k) != nil {
			return true
		}
	}
	return false
}
