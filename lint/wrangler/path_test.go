package wrangler

import (
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

func TestPathAt(t *testing.T) {
	src := `{
  "name": "a",
  "durable_objects": { "bindings": [ { "name": "X", "class_name": "X" }, { "name": "Y", "class_name": "Y" } ] },
  "env": { "staging": { "vars": { "K": "v" } } },
  "name": "b"
}`
	root, err := ParseJSONC(source.NewFile("/w.jsonc", "w.jsonc", []byte(src)))
	if err != nil {
		t.Fatal(err)
	}
	at := func(text string, nth int) string {
		i := -1
		for k := 0; k <= nth; k++ {
			j := indexFrom(src, text, i+1)
			if j < 0 {
				t.Fatalf("%q #%d not found", text, nth)
			}
			i = j
		}
		return PathAt(root, i, i+len(text))
	}
	cases := []struct {
		text string
		nth  int
		want string
	}{
		{`"Y"`, 0, "durable_objects.bindings[1].name"},
		{`"Y"`, 1, "durable_objects.bindings[1].class_name"},
		{`"K"`, 0, "env.staging.vars.K"},
		{`"v"`, 0, "env.staging.vars.K"},
		{`"b"`, 0, "name#1"},
		{`"name"`, 0, "name"},
	}
	for _, c := range cases {
		if got := at(c.text, c.nth); got != c.want {
			t.Errorf("%s #%d: %q, want %q", c.text, c.nth, got, c.want)
		}
	}
}

func indexFrom(s, sub string, from int) int {
	for i := from; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}
