package wrangler

import (
	"crypto/sha256"
	"encoding/json"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/wranglint/wranglint/lint/cache"
	"github.com/wranglint/wranglint/lint/source"
)

// Schema knows which fields wrangler accepts where. It is wrangler's JSON
// Schema compiled once into a table of node types (what keys an object
// takes and the types of their values, what an array holds), so that
// checking a config is a walk with lookups, and loading a schema is
// reading a table, not a 375 KB JSON document.
type Schema struct {
	Source string // "the schema of wrangler X in node_modules/..." or built in
	Nodes  []SchemaNode
	Root   []int32 // the types of the config itself
}

// SchemaNode is one type: the alternatives a JSON Schema allows there,
// merged.
type SchemaNode struct {
	Object bool         // some alternative describes an object
	Props  []SchemaProp // sorted by key
	// Strict: a key not in Props is unknown (every alternative that
	// describes an object forbids extra keys).
	Strict     bool
	Additional []int32 // the types of values under other keys
	Items      []int32 // the types of array items
}

// SchemaProp is one key an object takes, with the types of its value.
type SchemaProp struct {
	Key   string
	Types []int32
}

// UnknownField is a key the schema does not allow at its place.
type UnknownField struct {
	Member  *Member
	Path    string   // e.g. "durable_objects.bindings[0]"
	Known   []string // the keys allowed there
	TopOnly bool     // allowed at the top level, not inside env.<name>
}

// compiled holds the schemas compiled in this process, by the hash of
// their text: content-addressed, so never stale.
var compiled sync.Map // [32]byte -> *Schema

// SchemaFor returns the schema of the wrangler installed for a Worker in
// dir (node_modules/wrangler/config-schema.json, walking up), else the one
// built into wranglint; store (nil: none) keeps compiled schemas between
// runs.
func SchemaFor(fs *source.FileSet, dir string, store *cache.Store) *Schema {
	var found string
	source.WalkUp(dir, func(d string) bool {
		cand := filepath.Join(d, "node_modules", "wrangler", "config-schema.json")
		if fs.IsFile(cand) {
			found = cand
			return true
		}
		return false
	})
	if found != "" {
		if s, ok := loadSchemaFile(fs, found, store); ok {
			return s
		}
	}
	return Builtin()
}

// Builtin is the schema built into wranglint (schema_builtin.go, generated
// by internal/genschema from wrangler's own).
func Builtin() *Schema { return &builtinSchema }

// loadSchemaFile compiles a project's schema, once per content.
func loadSchemaFile(fs *source.FileSet, path string, store *cache.Store) (*Schema, bool) {
	f, err := fs.Read(path)
	if err != nil {
		return nil, false
	}
	label := f.Rel
	var pkg struct{ Version string }
	if pf, err := fs.Read(filepath.Join(filepath.Dir(path), "package.json")); err == nil && json.Unmarshal(pf.Data, &pkg) == nil && pkg.Version != "" {
		label = "the schema of wrangler " + pkg.Version + " in " + f.Rel
	}
	key := sha256.Sum256(f.Data)
	if s, ok := compiled.Load(key); ok {
		c := *s.(*Schema)
		c.Source = label
		return &c, true
	}
	s, ok := compileCached(store, f.Data, label)
	if !ok {
		return nil, false
	}
	compiled.Store(key, s)
	return s, true
}

// UnknownFields walks a config and returns every key the schema forbids.
func (s *Schema) UnknownFields(root *Node) []UnknownField {
	var out []UnknownField
	s.walk(root, s.Root, "", &out)
	// Keys only the top level knows, inside env.<name>, read as top-level only.
	for i := range out {
		if strings.HasPrefix(out[i].Path, "env.") && strings.Count(out[i].Path, ".") == 1 && s.topLevelKey(out[i].Member.Key) {
			out[i].TopOnly = true
		}
	}
	return out
}

func (s *Schema) topLevelKey(key string) bool {
	for _, t := range s.Root {
		if _, ok := s.Nodes[t].prop(key); ok {
			return true
		}
	}
	return false
}

func (n *SchemaNode) prop(key string) ([]int32, bool) {
	i := sort.Search(len(n.Props), func(i int) bool { return n.Props[i].Key >= key })
	if i < len(n.Props) && n.Props[i].Key == key {
		return n.Props[i].Types, true
	}
	return nil, false
}

func (s *Schema) walk(n *Node, types []int32, path string, out *[]UnknownField) {
	if n == nil || len(types) == 0 {
		return
	}
	switch n.Kind {
	case KindObject:
		for _, m := range n.Members {
			s.walkMember(m, types, path, out)
		}
	case KindArray:
		var items []int32
		for _, t := range types {
			items = append(items, s.Nodes[t].Items...)
		}
		if len(items) > 0 {
			for i, it := range n.Items {
				s.walk(it, items, path+"["+source.Itoa(i)+"]", out)
			}
		}
	}
}

// walkMember checks one key against every type the object may have: known
// if any knows it, unknown only if every one is strict.
func (s *Schema) walkMember(m *Member, types []int32, path string, out *[]UnknownField) {
	var sub, additional []int32
	known, strict, objects := false, true, 0
	for _, t := range types {
		node := &s.Nodes[t]
		if !node.Object {
			continue
		}
		objects++
		if ts, ok := node.prop(m.Key); ok {
			known = true
			sub = append(sub, ts...)
		}
		if !node.Strict {
			strict = false
		}
		additional = append(additional, node.Additional...)
	}
	strict = strict && objects > 0
	switch {
	case known:
		s.walk(m.Value, sub, joinPath(path, m.Key), out)
	case strict:
		*out = append(*out, UnknownField{Member: m, Path: path, Known: s.keys(types)})
	case len(additional) > 0:
		s.walk(m.Value, additional, joinPath(path, m.Key), out)
	}
}

func (s *Schema) keys(types []int32) []string {
	set := map[string]bool{}
	for _, t := range types {
		for _, p := range s.Nodes[t].Props {
			set[p.Key] = true
		}
	}
	return source.SortedKeys(set)
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
