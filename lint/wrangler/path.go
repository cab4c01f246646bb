package wrangler

import (
	"strconv"
	"strings"
)

// PathAt names the deepest value or key of the tree that holds the byte
// range [start, end): `env.staging.durable_objects.bindings[1].name`, or
// "" when no node holds it. A finding keyed by this path keeps its
// identity when a fix elsewhere moves its line.
func PathAt(root *Node, start, end int) string {
	path := ""
	for n := root; n != nil; {
		next, step := childAt(n, start, end)
		if next == nil {
			return path
		}
		if path != "" && !strings.HasPrefix(step, "[") {
			path += "."
		}
		path += step
		n = next
	}
	return path
}

// childAt returns the member or item of n holding the range, with the
// path step that names it.
func childAt(n *Node, start, end int) (*Node, string) {
	lo, hi := n.MembersNear(start) // one member of 60,000 vars, not a scan of all
	for i := lo; i < hi; i++ {
		m := n.Members[i]
		if holds(m.KeySpan.Start, m.KeySpan.End, start, end) {
			return &Node{}, keyStep(m.Key) // the key itself: a leaf
		}
		if m.Value != nil && holds(m.Value.Span.Start, m.Value.Span.End, start, end) {
			return m.Value, memberStep(n, i)
		}
	}
	for i, it := range n.Items {
		if holds(it.Span.Start, it.Span.End, start, end) {
			return it, "[" + strconv.Itoa(i) + "]"
		}
	}
	return nil, ""
}

// memberStep names member i, with its occurrence when the key repeats
// (keyStep maps distinct keys to distinct steps).
func memberStep(n *Node, i int) string {
	key := keyStep(n.Members[i].Key)
	if k := n.Occurrence(i); k > 0 {
		return key + "#" + strconv.Itoa(k)
	}
	return key
}

func holds(s, e, start, end int) bool { return s <= start && end <= e && s < e }

// keyStep names a key in a path; one that would read as punctuation is
// quoted.
func keyStep(key string) string {
	if key == "" || strings.ContainsAny(key, ".[]#\"") {
		return "[" + strconv.Quote(key) + "]"
	}
	return key
}
