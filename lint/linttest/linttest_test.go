package linttest

import "testing"

func TestParseWant(t *testing.T) {
	es, err := parseWant(` 17 "binding-name-case-mismatch" "served at /agents/coder-agent/" "duplicate-key" "missing-migration: new_sqlite"`, "a.jsonc", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 3 {
		t.Fatalf("%d expectations", len(es))
	}
	if es[0].Col != 17 || es[0].Rule != "binding-name-case-mismatch" || es[0].Message.String() != "served at /agents/coder-agent/" {
		t.Errorf("first: %v", es[0])
	}
	if es[1].Col != 0 || es[1].Rule != "duplicate-key" || es[1].Message != nil {
		t.Errorf("second: %v", es[1])
	}
	if es[2].Rule != "missing-migration" || es[2].Message.String() != "new_sqlite" {
		t.Errorf("third: %v", es[2])
	}
	for _, bad := range []string{`"a message first"`, `"rule-a" "one" "two"`, `"rule-a" "("`} {
		if _, err := parseWant(bad, "a", 1); err == nil {
			t.Errorf("want %s: no error", bad)
		}
	}
}
