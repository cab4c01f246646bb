// Package wrangler is the wrangler configuration layer: JSONC and TOML parsed
// into one positioned tree (Node), the config model with every environment
// resolved as wrangler resolves it, bindings, the migration replay, the
// config schema, and the structural edits fixes make in a config's own style.
package wrangler

import (
	"strings"
	"sync"

	"github.com/wranglint/wranglint/lint/source"
)

// Kind is the type of a configuration value.
type Kind int

const (
	KindNull Kind = iota
	KindBool
	KindNumber
	KindString
	KindObject
	KindArray
	KindDate // TOML dates and times
)

func (k Kind) String() string {
	return [...]string{"null", "boolean", "number", "string", "object", "array", "date"}[k]
}

// Node is one configuration value with its exact place in the file. JSONC
// and TOML both load into Nodes, so rules never see the file format.
type Node struct {
	Kind    Kind
	Str     string // the decoded string, or the raw text of a number or date
	Bool    bool
	Span    source.Span // the value itself: for strings, including the quotes
	Members []*Member   // objects, in file order, duplicates kept
	Items   []*Node     // arrays
	// Tables marks TOML arrays written as [[tables]] and objects written
	// as [table] headers: they grow by appending text, not inside brackets.
	Tables bool

	keysMu sync.Mutex
	keys   *memberIndex // built on the first lookup in a large object
}

// memberIndex maps each key of an object to its last member. It covers
// Members[:n]: the TOML parser appends members between lookups, and the
// index catches up on the next one.
type memberIndex struct {
	last map[string]*Member
	n    int
}

// memberIndexFrom is the member count from which lookups go through an index:
// below it a scan is cheaper than hashing.
const memberIndexFrom = 16

// Member is one key of an object.
type Member struct {
	Key     string
	KeySpan source.Span
	Value   *Node
}

// Get returns the value of key, the last one where the key repeats (as
// wrangler keeps the last), or nil. It is safe on a nil or non-object node.
func (n *Node) Get(key string) *Node {
	if m := n.Member(key); m != nil {
		return m.Value
	}
	return nil
}

// Member returns the last member named key, or nil. Lookups in a large
// object (10,000 environments) go through an index, so that reading every
// member costs linear time, not quadratic.
func (n *Node) Member(key string) *Member {
	if n == nil || n.Kind != KindObject {
		return nil
	}
	if len(n.Members) < memberIndexFrom {
		for i := len(n.Members) - 1; i >= 0; i-- {
			if n.Members[i].Key == key {
				return n.Members[i]
			}
		}
		return nil
	}
	n.keysMu.Lock() // rules read the tree from several goroutines
	defer n.keysMu.Unlock()
	if n.keys == nil {
		n.keys = &memberIndex{last: make(map[string]*Member, len(n.Members))}
	}
	for _, m := range n.Members[n.keys.n:] {
		n.keys.last[m.Key] = m
	}
	n.keys.n = len(n.Members)
	return n.keys.last[key]
}

// String returns the node's string value and whether it is a string.
func (n *Node) String() (string, bool) {
	if n == nil || n.Kind != KindString {
		return "", false
	}
	return n.Str, true
}

// GetString is Get followed by String.
func (n *Node) GetString(key string) (string, bool) { return n.Get(key).String() }

// IsObject reports whether n is an object.
func (n *Node) IsObject() bool { return n != nil && n.Kind == KindObject }

// IsArray reports whether n is an array.
func (n *Node) IsArray() bool { return n != nil && n.Kind == KindArray }

// Truthy reports whether n is the boolean true.
func (n *Node) Truthy() bool { return n != nil && n.Kind == KindBool && n.Bool }

// Objects returns the object elements of an array (or nothing).
func (n *Node) Objects() []*Node {
	if !n.IsArray() {
		return nil
	}
	var out []*Node
	for _, it := range n.Items {
		if it.IsObject() {
			out = append(out, it)
		}
	}
	return out
}

// Strings returns the string elements of an array (or nothing).
func (n *Node) Strings() []*Node {
	if !n.IsArray() {
		return nil
	}
	var out []*Node
	for _, it := range n.Items {
		if it.Kind == KindString {
			out = append(out, it)
		}
	}
	return out
}

// IsPlaceholder reports whether a config value is a template placeholder
// filled in by a scaffolding tool (<WORKER_NAME>, {{name}}, ${NAME}):
// such files are templates, not configs to deploy as they are.
func IsPlaceholder(s string) bool {
	switch {
	case len(s) > 2 && s[0] == '<' && s[len(s)-1] == '>':
		return true
	case strings.HasPrefix(s, "{{") && strings.HasSuffix(s, "}}"):
		return true
	case strings.HasPrefix(s, "${") && strings.HasSuffix(s, "}"):
		return true
	}
	return false
}
