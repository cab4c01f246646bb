// Package wrangler is the wrangler configuration layer: JSONC and TOML parsed
// into one positioned tree (Node), the config model with every environment
// resolved as wrangler resolves it, bindings, the migration replay, the
// config schema, and the structural edits fixes make in a config's own style.
package wrangler

import (
	"sort"
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

// memberIndex maps each key of an object to its last member, and keeps
// what PathAt asks of each member: how many before it have its key, and
// whether the members lie in file order, apart (then the one holding an
// offset is found by binary search). It covers Members[:n]: the TOML
// parser appends members between lookups, and the index catches up on the
// next one.
type memberIndex struct {
	last   map[string]*Member
	counts map[string]int32
	occ    []int32 // occ[i]: members before i with Members[i]'s key
	apart  bool    // each member starts after the one before it ends
	n      int
}

// index brings the member index up to date; keysMu is held.
func (n *Node) index() *memberIndex {
	if n.keys == nil {
		n.keys = &memberIndex{last: make(map[string]*Member, len(n.Members)), counts: map[string]int32{}, apart: true}
	}
	ix := n.keys
	for i := ix.n; i < len(n.Members); i++ {
		m := n.Members[i]
		ix.last[m.Key] = m
		ix.occ = append(ix.occ, ix.counts[m.Key])
		ix.counts[m.Key]++
		if i > 0 && ix.apart {
			ix.apart = memberEnd(n.Members[i-1]) <= m.KeySpan.Start && n.Members[i-1].KeySpan.Start < m.KeySpan.Start
		}
	}
	ix.n = len(n.Members)
	return ix
}

// memberEnd is where a member's text ends: its value's, or its key's.
func memberEnd(m *Member) int {
	if m.Value != nil && m.Value.Span.End > m.KeySpan.End {
		return m.Value.Span.End
	}
	return m.KeySpan.End
}

// Occurrence returns how many members before member i have its key: 0
// for the first of a key, 1 for its first repeat.
func (n *Node) Occurrence(i int) int {
	if len(n.Members) < memberIndexFrom {
		k := 0
		for _, m := range n.Members[:i] {
			if m.Key == n.Members[i].Key {
				k++
			}
		}
		return k
	}
	n.keysMu.Lock()
	defer n.keysMu.Unlock()
	return int(n.index().occ[i])
}

// MembersNear returns the members [lo, hi) that may hold the offset off:
// in a large object whose members lie in file order, the one starting
// last at or before off; otherwise all of them.
func (n *Node) MembersNear(off int) (lo, hi int) {
	if len(n.Members) < memberIndexFrom {
		return 0, len(n.Members)
	}
	n.keysMu.Lock()
	apart := n.index().apart
	n.keysMu.Unlock()
	if !apart {
		return 0, len(n.Members)
	}
	i := sort.Search(len(n.Members), func(i int) bool { return n.Members[i].KeySpan.Start > off }) - 1
	if i < 0 {
		return 0, 0
	}
	return i, i + 1
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
	return n.index().last[key]
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

// HasPlaceholder reports whether part of a value is filled in before
// deploy (`pr-{env.PULL_REQUEST}`, `api-${STAGE}`, `app-<branch>`,
// `web-__ENV__`, `x-%NAME%`): a CI step rewrites the file, so the text
// is not what deploys.
func HasPlaceholder(s string) bool {
	if IsPlaceholder(s) {
		return true
	}
	for _, pair := range [][2]string{{"{", "}"}, {"<", ">"}, {"__", "__"}, {"%", "%"}} {
		open := strings.Index(s, pair[0])
		if open < 0 {
			continue
		}
		rest := s[open+len(pair[0]):]
		end := strings.Index(rest, pair[1])
		if end > 0 && placeholderName(rest[:end], pair[0] == "__" || pair[0] == "%") {
			return true
		}
	}
	return false
}

// placeholderName: the text between a placeholder's delimiters, a name
// (env.PULL_REQUEST, branch, $STAGE); upper only: an upper-case name
// (for __ENV__ and %NAME%, which are also plain text in lower case).
func placeholderName(s string, upperOnly bool) bool {
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_':
		case !upperOnly && (r >= 'a' && r <= 'z' || r == '.' || r == '-' || r == '$' || r == '{' || r == ' '):
		default:
			return false
		}
	}
	return true
}
