package wrangler

import (
	"encoding/json"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// CompileSchema turns a JSON Schema (draft-07, as wrangler ships it) into
// a Schema: each distinct set of alternatives a value may have ($ref
// followed, allOf/anyOf/oneOf flattened) becomes one node; cycles through
// $ref become references to the node being built.
func CompileSchema(data []byte, label string) (*Schema, bool) {
	var root map[string]any
	if err := json.Unmarshal(data, &root); err != nil {
		return nil, false
	}
	c := &schemaCompiler{defs: map[string]any{}, memo: map[string]int32{}}
	if defs, ok := root["definitions"].(map[string]any); ok {
		c.defs = defs
	}
	s := &Schema{Source: label}
	s.Root = []int32{c.node([]any{root})}
	s.Nodes = c.nodes
	return s, true
}

type schemaCompiler struct {
	defs  map[string]any
	nodes []SchemaNode
	memo  map[string]int32 // alternative set -> node
}

// node compiles a list of raw types into one node, once per distinct set
// of resolved alternatives.
func (c *schemaCompiler) node(types []any) int32 {
	var alts []map[string]any
	for _, t := range types {
		alts = append(alts, c.resolve(t, 0)...)
	}
	key := altKey(alts)
	if i, ok := c.memo[key]; ok {
		return i
	}
	i := int32(len(c.nodes))
	c.nodes = append(c.nodes, SchemaNode{})
	c.memo[key] = i
	n := c.build(alts)
	c.nodes[i] = n
	return i
}

// build merges the alternatives: a key is known if any alternative
// knows it; extra keys are unknown only when every alternative that
// describes an object forbids them.
func (c *schemaCompiler) build(alts []map[string]any) SchemaNode {
	var n SchemaNode
	props := map[string][]any{}
	var additional, items []any
	strict := true
	for _, a := range alts {
		if it, ok := a["items"]; ok {
			items = append(items, it)
		}
		p, hasProps := a["properties"].(map[string]any)
		addl, hasAddl := a["additionalProperties"]
		if !hasProps && !hasAddl {
			continue
		}
		n.Object = true
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
	n.Strict = strict && n.Object
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		n.Props = append(n.Props, SchemaProp{Key: k, Types: []int32{c.node(props[k])}})
	}
	if len(additional) > 0 {
		n.Additional = []int32{c.node(additional)}
	}
	if len(items) > 0 {
		n.Items = []int32{c.node(items)}
	}
	return n
}

// resolve follows $ref and flattens allOf, anyOf and oneOf, returning the
// schemas that together describe a value.
func (c *schemaCompiler) resolve(t any, depth int) []map[string]any {
	m, ok := t.(map[string]any)
	if !ok || depth > 32 {
		return nil
	}
	if ref, ok := m["$ref"].(string); ok {
		return c.resolve(c.defs[strings.TrimPrefix(ref, "#/definitions/")], depth+1)
	}
	out := []map[string]any{m}
	for _, key := range []string{"allOf", "anyOf", "oneOf"} {
		if list, ok := m[key].([]any); ok {
			for _, sub := range list {
				out = append(out, c.resolve(sub, depth+1)...)
			}
		}
	}
	return out
}

// altKey names a set of alternatives by the identity of their maps.
func altKey(alts []map[string]any) string {
	ids := make([]uintptr, 0, len(alts))
	seen := map[uintptr]bool{}
	for _, a := range alts {
		p := reflect.ValueOf(a).Pointer()
		if !seen[p] {
			seen[p] = true
			ids = append(ids, p)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var b strings.Builder
	for _, id := range ids {
		b.WriteString(strconv.FormatUint(uint64(id), 36))
		b.WriteByte(',')
	}
	return b.String()
}
