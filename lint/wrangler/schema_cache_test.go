package wrangler

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"github.com/wranglint/wranglint/lint/cache"
)

func schemaJSON(t testing.TB) []byte {
	data, err := os.ReadFile("wrangler-schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Schema json.RawMessage `json:"schema"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Schema
}

// TestSchemaCache: a schema compiled once is read back whole by a later
// run (under its own label); a stored table that does not check out is
// compiled again.
func TestSchemaCache(t *testing.T) {
	data := schemaJSON(t)
	dir := t.TempDir()
	store, err := cache.Open(dir, cache.Options{Salt: []byte("t")})
	if err != nil {
		t.Fatal(err)
	}
	fresh, ok := compileCached(store, data, "first")
	if !ok {
		t.Fatal("does not compile")
	}
	store.Close()
	store, _ = cache.Open(dir, cache.Options{Salt: []byte("t")})
	key := store.Key("schema", []byte(schemaFormat), []byte(schemaFingerprint()), data)
	if _, ok := store.Get(key); !ok {
		t.Fatal("the compiled schema was not stored")
	}
	cached, _ := compileCached(store, data, "second")
	if cached.Source != "second" {
		t.Errorf("label %q", cached.Source)
	}
	cached.Source = fresh.Source
	if !reflect.DeepEqual(cached, fresh) {
		t.Fatal("the cached schema differs from the compiled one")
	}
	for name, spoil := range map[string]func(s *Schema){
		"root out of range":  func(s *Schema) { s.Root = []int32{int32(len(s.Nodes))} },
		"negative item type": func(s *Schema) { s.Nodes[0].Items = []int32{-1} },
		"keys out of order": func(s *Schema) {
			for i := range s.Nodes {
				if ps := s.Nodes[i].Props; len(ps) > 1 {
					ps[0], ps[1] = ps[1], ps[0]
					return
				}
			}
		},
	} {
		bad := *fresh
		bad.Nodes = append([]SchemaNode(nil), fresh.Nodes...)
		for i := range bad.Nodes {
			bad.Nodes[i].Props = append([]SchemaProp(nil), fresh.Nodes[i].Props...)
		}
		spoil(&bad)
		if bad.consistent() {
			t.Errorf("%s: passes the check", name)
		}
	}
}

// BenchmarkSchemaCompile and BenchmarkSchemaCached compare compiling
// wrangler's schema with reading the compiled table from the store.
func BenchmarkSchemaCompile(b *testing.B) {
	data := schemaFile(b)
	for b.Loop() {
		CompileSchema(data, "x")
	}
}

func BenchmarkSchemaCached(b *testing.B) {
	data := schemaFile(b)
	store, _ := cache.Open(b.TempDir(), cache.Options{Salt: []byte("b")})
	compileCached(store, data, "x")
	for b.Loop() {
		compileCached(store, data, "x")
	}
}

// schemaFile is an installed wrangler's full schema when
// WRANGLINT_SCHEMA names one (375 KB for wrangler 4.164), else the
// reduced one kept here.
func schemaFile(b *testing.B) []byte {
	if p := os.Getenv("WRANGLINT_SCHEMA"); p != "" {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		return data
	}
	return schemaJSON(b)
}
