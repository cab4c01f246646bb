package wrangler

import (
	"encoding/json"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

func TestSchemaUnknownFields(t *testing.T) {
	c := parseConfig(t, "wrangler.jsonc", `{
  "name": "w",
  "compatability_date": "2025-01-01",
  "durable_objects": {"bindings": [{"name": "A", "class_name": "A", "clas_name": "x"}]},
  "vars": {"ANYTHING": {"nested": true}},
  "migrations": [{"tag": "v1", "new_sqlite_class": ["A"]}],
  "env": {"staging": {"send_metrics": false, "routes": [{"pattern": "a/*", "zone": "x"}]}}
}`)
	got := Builtin().UnknownFields(c.Root)
	sort.Slice(got, func(i, j int) bool { return got[i].Member.KeySpan.Start < got[j].Member.KeySpan.Start })
	var keys []string
	for _, u := range got {
		keys = append(keys, u.Path+":"+u.Member.Key)
	}
	want := "compatability_date,durable_objects.bindings[0]:clas_name,migrations[0]:new_sqlite_class,env.staging:send_metrics,env.staging.routes[0]:zone"
	want = ":" + want
	if strings.Join(keys, ",") != want {
		t.Fatalf("got %s", strings.Join(keys, ","))
	}
	if !got[3].TopOnly || got[0].TopOnly {
		t.Error("send_metrics inside an environment is top-level only")
	}
	if source.Closest("compatability_date", got[0].Known, 3) != "compatibility_date" {
		t.Error("suggestion")
	}
}

// The built-in table is what compiling wrangler-schema.json gives: a
// regenerated JSON without a regenerated table fails here.
func TestBuiltinSchemaIsCompiledFromTheJSON(t *testing.T) {
	data, err := os.ReadFile("wrangler-schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version string          `json:"wrangler_version"`
		Schema  json.RawMessage `json:"schema"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	s, ok := CompileSchema(doc.Schema, Builtin().Source)
	if !ok {
		t.Fatal("the reduced schema does not compile")
	}
	if !reflect.DeepEqual(s, Builtin()) {
		t.Fatal("schema_builtin.go is stale: go run ./internal/genschema -go lint/wrangler/wrangler-schema.json > lint/wrangler/schema_builtin.go")
	}
}
