package wrangler

import (
	_ "embed"
	"encoding/json"
	"path/filepath"
	"strings"
	"sync"

	"github.com/wranglint/wranglint/lint/source"
)

// builtinSchema is wrangler's config schema reduced to its structure by
// internal/genschema (regenerate it when wrangler adds fields).
//
//go:embed wrangler-schema.json
var builtinSchema []byte

// Schema knows which fields wrangler accepts where.
type Schema struct {
	Source string // "the schema of wrangler X in node_modules/..." or built in
	defs   map[string]any
	root   any
}

// UnknownField is a key the schema does not allow at its place.
type UnknownField struct {
	Member  *Member
	Path    string   // e.g. "durable_objects.bindings[0]"
	Known   []string // the keys allowed there
	TopOnly bool     // allowed at the top level, not inside env.<name>
}

var schemaCache sync.Map // path -> *Schema

// SchemaFor returns the schema of the wrangler installed for a Worker in
// dir (node_modules/wrangler/config-schema.json, walking up), else the one
// built into wranglint.
func SchemaFor(fs *source.FileSet, dir string) *Schema {
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
		if s, ok := loadSchemaFile(fs, found); ok {
			return s
		}
	}
	return Builtin()
}

var builtinOnce = sync.OnceValue(func() *Schema {
	var doc struct {
		Version string          `json:"wrangler_version"`
		Schema  json.RawMessage `json:"schema"`
	}
	if err := json.Unmarshal(builtinSchema, &doc); err != nil {
		panic("wranglint: the built-in schema does not parse: " + err.Error())
	}
	s, _ := newSchema(doc.Schema, "the schema of wrangler "+doc.Version+" built into wranglint")
	return s
})

// Builtin is the schema built into wranglint.
func Builtin() *Schema { return builtinOnce() }

// loadSchemaFile reads a project's schema once per run and path.
func loadSchemaFile(fs *source.FileSet, path string) (*Schema, bool) {
	if s, ok := schemaCache.Load(path); ok {
		return s.(*Schema), s.(*Schema) != nil
	}
	var s *Schema
	if f, err := fs.Read(path); err == nil {
		label := f.Rel
		var pkg struct{ Version string }
		if pf, err := fs.Read(filepath.Join(filepath.Dir(path), "package.json")); err == nil && json.Unmarshal(pf.Data, &pkg) == nil && pkg.Version != "" {
			label = "the schema of wrangler " + pkg.Version + " in " + f.Rel
		}
		s, _ = newSchema(f.Data, label)
	}
	schemaCache.Store(path, s)
	return s, s != nil
}

func newSchema(data []byte, source string) (*Schema, bool) {
	var root map[string]any
	if err := json.Unmarshal(data, &root); err != nil {
		return nil, false
	}
	defs, _ := root["definitions"].(map[string]any)
	return &Schema{Source: source, defs: defs, root: root}, true
}

// resolve follows $ref and flattens allOf, returning the schemas that
// together describe a value.
func (s *Schema) resolve(t any, depth int) []map[string]any {
	m, ok := t.(map[string]any)
	if !ok || depth > 32 {
		return nil
	}
	if ref, ok := m["$ref"].(string); ok {
		return s.resolve(s.defs[strings.TrimPrefix(ref, "#/definitions/")], depth+1)
	}
	out := []map[string]any{m}
	for _, key := range []string{"allOf", "anyOf", "oneOf"} {
		if list, ok := m[key].([]any); ok {
			for _, sub := range list {
				out = append(out, s.resolve(sub, depth+1)...)
			}
		}
	}
	return out
}

// objectRules merges the object schemas among alternatives: a key is
// known if any alternative knows it; unknown keys are flagged only when
// every alternative that describes an object forbids extra keys.
func (s *Schema) objectRules(alts []map[string]any) (props map[string][]any, strict bool, additional []any) {
	props = map[string][]any{}
	objects := 0
	strict = true
	for _, a := range alts {
		p, hasProps := a["properties"].(map[string]any)
		addl, hasAddl := a["additionalProperties"]
		if !hasProps && !hasAddl {
			continue
		}
		objects++
		for k, v := range p {
			props[k] = append(props[k], v)
		}
		switch x := addl.(type) {
		case bool:
			if x {
				strict = false
			}
		case map[string]any:
			strict = false
			additional = append(additional, x)
		default:
			strict = false // absent: JSON Schema allows extra keys
		}
	}
	return props, strict && objects > 0, additional
}

// UnknownFields walks a config and returns every key the schema forbids.
func (s *Schema) UnknownFields(root *Node) []UnknownField {
	var out []UnknownField
	top, _, _ := s.objectRules(s.resolve(s.root, 0))
	s.walk(root, []any{s.root}, "", &out)
	// Keys only the top level knows, inside env.<name>, read as top-level only.
	for i := range out {
		if strings.HasPrefix(out[i].Path, "env.") && strings.Count(out[i].Path, ".") == 1 {
			if _, ok := top[out[i].Member.Key]; ok {
				out[i].TopOnly = true
			}
		}
	}
	return out
}

func (s *Schema) walk(n *Node, types []any, path string, out *[]UnknownField) {
	var alts []map[string]any
	for _, t := range types {
		alts = append(alts, s.resolve(t, 0)...)
	}
	if len(alts) == 0 {
		return
	}
	switch n.Kind {
	case KindObject:
		props, strict, additional := s.objectRules(alts)
		for i, m := range n.Members {
			sub := joinPath(path, m.Key)
			switch {
			case props[m.Key] != nil:
				s.walk(m.Value, props[m.Key], sub, out)
			case strict:
				*out = append(*out, UnknownField{Member: n.Members[i], Path: path, Known: source.SortedKeys(props)})
			case additional != nil:
				s.walk(m.Value, additional, sub, out)
			}
		}
	case KindArray:
		var items []any
		for _, a := range alts {
			if it, ok := a["items"]; ok {
				items = append(items, it)
			}
		}
		if len(items) > 0 {
			for i, it := range n.Items {
				s.walk(it, items, path+"["+source.Itoa(i)+"]", out)
			}
		}
	}
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
