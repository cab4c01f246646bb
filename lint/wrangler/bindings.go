package wrangler

import "github.com/wranglint/wranglint/lint/source"

// Binding is one name a Worker's env object gets from its config.
type Binding struct {
	Kind     string // the config key it comes from: "kv_namespaces", "vars", ...
	Name     string
	NameNode *Node       // the name's value (or, for vars, see KeySpan)
	KeySpan  source.Span // for vars: the key itself
	Node     *Node       // the whole entry
}

// Span is where the binding's name is written.
func (b Binding) Span() source.Span {
	if b.NameNode != nil {
		return b.NameNode.Span
	}
	return b.KeySpan
}

// bindingKinds says, for each binding key, where the names are: an array
// of objects with a name field, or a single object with one.
var bindingKinds = []struct {
	key, sub, field string
	single          bool
}{
	{"durable_objects", "bindings", "name", false},
	{"kv_namespaces", "", "binding", false},
	{"d1_databases", "", "binding", false},
	{"r2_buckets", "", "binding", false},
	{"queues", "producers", "binding", false},
	{"services", "", "binding", false},
	{"analytics_engine_datasets", "", "binding", false},
	{"dispatch_namespaces", "", "binding", false},
	{"mtls_certificates", "", "binding", false},
	{"hyperdrive", "", "binding", false},
	{"vectorize", "", "binding", false},
	{"workflows", "", "binding", false},
	{"send_email", "", "name", false},
	{"secrets_store_secrets", "", "binding", false},
	{"ratelimits", "", "name", false},
	{"pipelines", "", "binding", false},
	{"worker_loaders", "", "binding", false},
	{"vpc_services", "", "binding", false},
	{"ai_search", "", "binding", false},
	{"ai_search_namespaces", "", "binding", false},
	{"unsafe", "bindings", "name", false},
	{"ai", "", "binding", true},
	{"browser", "", "binding", true},
	{"images", "", "binding", true},
	{"media", "", "binding", true},
	{"version_metadata", "", "binding", true},
	{"assets", "", "binding", true},
	{"websearch", "", "binding", true},
	{"stream", "", "binding", true},
	{"agent_memory", "", "binding", false},
	{"artifacts", "", "binding", false},
	{"flagship", "", "binding", false},
	{"unsafe_hello_world", "", "binding", false},
	{"vpc_networks", "", "binding", false},
	{"logfwdr", "bindings", "name", false},
}

// Bindings lists every name this environment puts on env: bindings of all
// kinds, vars, and secrets.required, in config order per kind.
func (e *Env) Bindings() []Binding {
	var out []Binding
	for _, k := range bindingKinds {
		n := e.Get(k.key)
		if k.sub != "" {
			n = n.Get(k.sub)
		}
		entries := n.Objects()
		if k.single && n.IsObject() {
			entries = []*Node{n}
		}
		for _, entry := range entries {
			if name, ok := entry.GetString(k.field); ok {
				out = append(out, Binding{Kind: k.key, Name: name, NameNode: entry.Get(k.field), Node: entry})
			}
		}
	}
	if vars := e.Get("vars"); vars.IsObject() {
		for _, m := range vars.Members {
			out = append(out, Binding{Kind: "vars", Name: m.Key, KeySpan: m.KeySpan, Node: m.Value})
		}
	}
	for _, s := range e.Get("secrets").Get("required").Strings() {
		out = append(out, Binding{Kind: "secrets", Name: s.Str, NameNode: s, Node: s})
	}
	return out
}
