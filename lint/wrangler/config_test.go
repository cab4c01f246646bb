package wrangler

import (
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

func parseConfig(t testing.TB, name, src string) *Config {
	t.Helper()
	f := source.NewFile("/p/"+name, name, []byte(src))
	var root *Node
	var err error
	if strings.HasSuffix(name, ".toml") {
		root, err = ParseTOML(f)
	} else {
		root, err = ParseJSONC(f)
	}
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return NewConfig(f, root)
}

func TestPositionsCountCharacters(t *testing.T) {
	src := "\xEF\xBB\xBF{\n\t\"name\": \"ü😀\", \"main\": \"x\"\n}"
	c := parseConfig(t, "wrangler.jsonc", src)
	main := c.Root.Get("main")
	p := main.Span.StartPos()
	// line 2: TAB "name": "ü😀", "main": "x"  -> the value starts at char 24
	if p.Line != 2 || p.Col != 24 {
		t.Fatalf("main at %d:%d, want 2:24", p.Line, p.Col)
	}
	if got := c.Root.Get("name").Span.StartPos(); got != (source.Pos{Line: 2, Col: 10}) {
		t.Fatalf("name at %v", got)
	}
	if c.File.Position(3) != (source.Pos{Line: 1, Col: 1}) {
		t.Fatal("the BOM must not count as a column")
	}
}

func TestJSONCKeepsLastDuplicate(t *testing.T) {
	c := parseConfig(t, "wrangler.jsonc", `{"main": "a", /* c */ "main": "b",}`)
	if s, _ := c.Root.GetString("main"); s != "b" {
		t.Fatalf("wrangler keeps the last duplicate, got %q", s)
	}
	if len(c.Root.Members) != 2 {
		t.Fatal("duplicates must stay visible to rules")
	}
}

func TestJSONCSyntaxErrorPosition(t *testing.T) {
	for _, c := range []struct {
		src  string
		want source.Pos
	}{
		{"{\n  \"a\": ,\n}", source.Pos{Line: 2, Col: 8}},
		{"{\n  \"é\": 1 2\n}", source.Pos{Line: 2, Col: 10}}, // characters, not bytes (11)
		{"", source.Pos{Line: 1, Col: 1}},
		{"[1]", source.Pos{Line: 1, Col: 1}},
		{"{\"a\": \"\xff\"}", source.Pos{Line: 1, Col: 8}},
	} {
		f := source.NewFile("/x", "x", []byte(c.src))
		_, err := ParseJSONC(f)
		se, ok := err.(*source.SyntaxError)
		if !ok {
			t.Fatalf("%q: want a source.SyntaxError, got %v", c.src, err)
		}
		if got := se.Span.StartPos(); got != c.want {
			t.Errorf("%q: error at %v, want %v (%s)", c.src, got, c.want, se.Msg)
		}
	}
}

func TestDeepNestingIsAnErrorNotACrash(t *testing.T) {
	src := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	if _, err := ParseJSONC(source.NewFile("/x", "x", []byte(src))); err == nil || !strings.Contains(err.Error(), "nesting") {
		t.Fatalf("got %v", err)
	}
	if _, err := ParseTOML(source.NewFile("/x", "x", []byte("a = "+src))); err == nil {
		t.Fatal("deep TOML must fail cleanly")
	}
}

func TestTOMLModel(t *testing.T) {
	src := `name = "w"
main = "src/index.ts"
routes = [ "a.example.com/*", { pattern = "b.example.com/*", zone_name = "example.com" } ]

[[durable_objects.bindings]]
name = "A" # comment
class_name = "A"

[env.staging]
vars = { X = "1" }

[[env.staging.durable_objects.bindings]]
name = "B"
class_name = "B"
`
	c := parseConfig(t, "wrangler.toml", src)
	if len(c.Envs) != 2 || c.Envs[1].Name != "staging" {
		t.Fatalf("envs: %+v", c.Envs)
	}
	top := c.Top().DurableObjects()
	if len(top) != 1 || top[0].Name != "A" || top[0].NameNode.Span.StartPos() != (source.Pos{Line: 6, Col: 8}) {
		t.Fatalf("top bindings: %+v at %v", top, top[0].NameNode.Span.StartPos())
	}
	st := c.Envs[1]
	if b := st.DurableObjects(); len(b) != 1 || b[0].Name != "B" {
		t.Fatalf("staging bindings: %+v", b)
	}
	if got := st.RoutePatterns(); len(got) != 2 || got[1] != "b.example.com/*" {
		t.Fatalf("routes inherited: %v", got)
	}
	routes := c.Root.Get("routes")
	if routes.Span.Text()[0] != '[' || routes.Span.Text()[len(routes.Span.Text())-1] != ']' {
		t.Fatalf("array span %q", routes.Span.Text())
	}
	if s, _ := st.Get("vars").GetString("X"); s != "1" {
		t.Fatal("inline table")
	}
}

func TestTOMLErrors(t *testing.T) {
	for _, src := range []string{"a = 1\na = 2\n", "name = \"x\n", "[a]\n[a]\n", "= 1"} {
		_, err := ParseTOML(source.NewFile("/x", "x", []byte(src)))
		if _, ok := err.(*source.SyntaxError); !ok {
			t.Errorf("%q: want a source.SyntaxError, got %v", src, err)
		}
	}
	_, err := ParseTOML(source.NewFile("/x", "x", []byte("a = 1\na = 2\n")))
	if p := err.(*source.SyntaxError).Span.StartPos(); p.Line != 2 {
		t.Errorf("duplicate key reported at %v", p)
	}
}

func TestEnvInheritance(t *testing.T) {
	c := parseConfig(t, "wrangler.jsonc", `{
  "name": "w", "main": "src/a.ts", "compatibility_flags": ["nodejs_compat"],
  "vars": {"A": "1"}, "durable_objects": {"bindings": [{"name": "X", "class_name": "X"}]},
  "send_metrics": false,
  "env": {
    "staging": {},
    "prod": {"name": "custom", "main": "src/b.ts", "durable_objects": {"bindings": []}}
  }
}`)
	st, prod := c.Envs[1], c.Envs[2]
	if m, _ := st.Main(); m != "src/a.ts" {
		t.Error("main is inherited")
	}
	if st.Get("vars") != nil || st.Get("durable_objects") != nil {
		t.Error("vars and durable_objects are not inherited")
	}
	if st.Get("send_metrics") != nil {
		t.Error("top-level-only keys are not seen inside an environment")
	}
	if st.Get("compatibility_flags") == nil {
		t.Error("compatibility_flags are inherited")
	}
	if st.WorkerName() != "w-staging" || prod.WorkerName() != "custom" || c.Top().WorkerName() != "w" {
		t.Errorf("names: %q %q", st.WorkerName(), prod.WorkerName())
	}
	if m, _ := prod.Main(); m != "src/b.ts" {
		t.Error("an environment's own main wins")
	}
	if st.Label() != `env "staging"` || c.Top().Label() != "the top level" {
		t.Error("labels")
	}
}

func TestAppendItemAndInsertMember(t *testing.T) {
	apply := func(src string, edits func(root *Node) []source.Edit) string {
		f := source.NewFile("/c.jsonc", "c.jsonc", []byte(src))
		root, err := ParseJSONC(f)
		if err != nil {
			t.Fatal(err)
		}
		out := []byte(src)
		es := edits(root)
		for i := len(es) - 1; i >= 0; i-- {
			e := es[i]
			out = append(out[:e.Start], append([]byte(e.New), out[e.End:]...)...)
		}
		return string(out)
	}
	cases := []struct {
		src, want string
		edits     func(*Node) []source.Edit
	}{
		{`{"a": [1, 2]}`, `{"a": [1, 2, 3]}`, func(r *Node) []source.Edit { return AppendItem(r.Get("a"), "3") }},
		{`{"a": [1, 2,]}`, `{"a": [1, 2, 3,]}`, func(r *Node) []source.Edit { return AppendItem(r.Get("a"), "3") }},
		{`{"a": []}`, `{"a": [3]}`, func(r *Node) []source.Edit { return AppendItem(r.Get("a"), "3") }},
		{"{\"a\": [\n\t1 // one\n]}", "{\"a\": [\n\t1, // one\n\t3\n]}", func(r *Node) []source.Edit { return AppendItem(r.Get("a"), "3") }},
		{"{\"a\": [\r\n  1,\r\n]}", "{\"a\": [\r\n  1,\r\n  3,\r\n]}", func(r *Node) []source.Edit { return AppendItem(r.Get("a"), "3") }},
		{"{\n  \"a\": 1\n}", "{\n  \"a\": 1,\n  \"b\": 2\n}", func(r *Node) []source.Edit { return InsertMember(r, "b", "2") }},
		{`{}`, `{ "b": 2 }`, func(r *Node) []source.Edit { return InsertMember(r, "b", "2") }},
		{"{\n\t\"o\": {\n\t}\n}", "{\n\t\"o\": {\n\t\t\"b\": 2\n\t}\n}", func(r *Node) []source.Edit { return InsertMember(r.Get("o"), "b", "2") }},
	}
	for _, c := range cases {
		if got := apply(c.src, c.edits); got != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.src, got, c.want)
		}
	}
}

func TestConfigStrings(t *testing.T) {
	for in, want := range map[string]string{"a": `"a"`, "Code\x7fAgent": `"Code\u007fAgent"`, `q"<&>`: `"q\"<&>"`} {
		if got := JSONString(in); got != want {
			t.Errorf("JSONString(%q) = %s, want %s", in, got, want)
		}
	}
	if ConfigString("abc", '\'') != "'abc'" || ConfigString("it's", '\'') != `"it's"` || ConfigString("a", '"') != `"a"` {
		t.Error("TOML literal strings stay literal only when they can")
	}
	// Every rendering must read back as the same value in JSONC and TOML.
	for _, v := range []string{"Code\x7fAgent", "tab\there", `back\slash`, "ü😀"} {
		js, err := ParseJSONC(source.NewFile("/a", "a", []byte(`{"k": `+JSONString(v)+`}`)))
		if err != nil || js.Get("k").Str != v {
			t.Errorf("JSONC round trip of %q: %v", v, err)
		}
		tm, err := ParseTOML(source.NewFile("/a", "a", []byte("k = "+JSONString(v)+"\n")))
		if err != nil || tm.Get("k").Str != v {
			t.Errorf("TOML round trip of %q: %v", v, err)
		}
	}
}
func TestHostMatches(t *testing.T) {
	yes := [][2]string{{"example.com/*", "example.com"}, {"*.example.com/*", "a.b.example.com"}, {"https://x.dev", "x.dev"}, {"*example.com/*", "example.com"}}
	no := [][2]string{{"example.com/*", "a.example.com"}, {"", "x"}, {"*.example.com", "example.org"}}
	for _, c := range yes {
		if !RouteCoversHost(c[0], c[1]) {
			t.Errorf("%q should cover %q", c[0], c[1])
		}
	}
	for _, c := range no {
		if RouteCoversHost(c[0], c[1]) {
			t.Errorf("%q should not cover %q", c[0], c[1])
		}
	}
}
