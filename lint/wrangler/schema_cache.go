package wrangler

import (
	"reflect"
	"sync"

	"github.com/wranglint/wranglint/lint/cache"
)

// schemaFormat changes when what a cached schema means changes beyond
// what the type fingerprint sees.
const schemaFormat = "1"

var schemaFingerprint = sync.OnceValue(func() string { return cache.Fingerprint(reflect.TypeFor[Schema]()) })

// compileCached compiles a project's schema text, or takes the compiled
// table an earlier run stored under the text's hash (parsing wrangler's
// 375 KB schema is most of a one-project run). A stored table that does
// not check out is compiled again.
func compileCached(store *cache.Store, data []byte, label string) (*Schema, bool) {
	if store == nil {
		return CompileSchema(data, label)
	}
	key := store.Key("schema", []byte(schemaFormat), []byte(schemaFingerprint()), data)
	if entry, ok := store.Get(key); ok {
		var s Schema
		if cache.Decode(entry, &s, nil) == nil && s.consistent() {
			s.Source = label
			return &s, true
		}
	}
	s, ok := CompileSchema(data, label)
	if ok {
		c := *s
		c.Source = "" // the label says where the file is: not part of the entry
		if entry, err := cache.Encode(&c, nil); err == nil {
			store.Put(key, entry)
		}
	}
	return s, ok
}

// consistent: every type index names a node, and each object's keys are
// sorted (lookups search them).
func (s *Schema) consistent() bool {
	n := int32(len(s.Nodes))
	in := func(ts []int32) bool {
		for _, t := range ts {
			if t < 0 || t >= n {
				return false
			}
		}
		return true
	}
	if !in(s.Root) {
		return false
	}
	for i := range s.Nodes {
		node := &s.Nodes[i]
		if !in(node.Additional) || !in(node.Items) {
			return false
		}
		for j, p := range node.Props {
			if !in(p.Types) || j > 0 && node.Props[j-1].Key >= p.Key {
				return false
			}
		}
	}
	return true
}
