package wrangler

import (
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

func TestComments(t *testing.T) {
	c := parseConfig(t, "wrangler.jsonc", `{ // one
  "url": "https://example.com/a//b", /* two
  lines */ "s": "a \" // not a comment"
}`)
	var got []string
	for _, cm := range c.Comments() {
		got = append(got, cm.Text)
	}
	if strings.Join(got, "|") != " one| two\n  lines " {
		t.Errorf("jsonc comments: %q", got)
	}
	c = parseConfig(t, "wrangler.toml", "# top\nname = \"a#b\" # after\ns = '''x # y'''\n")
	got = nil
	for _, cm := range c.Comments() {
		got = append(got, cm.Text)
	}
	if strings.Join(got, "|") != " top| after" {
		t.Errorf("toml comments: %q", got)
	}
}

func TestDocumentsOmission(t *testing.T) {
	c := parseConfig(t, "wrangler.jsonc", `{
  "name": "w",
  "kv_namespaces": [
    // optional: the cache passes through when absent
    { "binding": "CACHE", "id": "a" },
    { "binding": "SESSIONS", "id": "b" }, // sessions are required
    { "binding": "TOKENS", "id": "c" }
  ],
  "vectorize": [{ "binding": "INDEX", "index_name": "i" }],
  "services": [{ "binding": "AUTH", "service": "auth" }],
  "r2_buckets": [{ "binding": "MEDIA", "bucket_name": "m" }],
  "vars": { "FLAG": "1" },
  // TOKENS is deliberately unbound on staging.
  // Staging: Vectorize is intentionally omitted.
  "env": {
    "staging": {
      "vars": { "FLAG": "0" }
    },
    // production has no service bindings
    "production": { "name": "w-prod" }
  }
}`)
	top := c.Top()
	byName := map[string]Binding{}
	for _, b := range top.Bindings() {
		byName[b.Name] = b
	}
	staging, production := c.Envs[1], c.Envs[2]
	for _, tc := range []struct {
		env  *Env
		name string
		want bool
	}{
		{staging, "CACHE", true},     // the comment above its entry
		{staging, "SESSIONS", false}, // its comment says nothing of absence
		{staging, "TOKENS", true},    // a comment names it
		{staging, "INDEX", true},     // above the first environment: vectorize
		{production, "INDEX", false}, // that comment is about staging
		{production, "AUTH", true},   // inside production's stretch: services
		{staging, "AUTH", false},
		{staging, "MEDIA", false},
	} {
		if got := tc.env.DocumentsOmission(byName[tc.name]); got != tc.want {
			t.Errorf("%s: DocumentsOmission(%s) = %v, want %v", tc.env.Label(), tc.name, got, tc.want)
		}
	}
}

func FuzzComments(f *testing.F) {
	f.Add([]byte(`{ "a": "//", /* x */ "b": 1 } // y`), false)
	f.Add([]byte("a = '''#'''\n# c\n"), true)
	f.Fuzz(func(t *testing.T, data []byte, toml bool) {
		var cs []Comment
		if toml {
			cs = tomlComments(data)
		} else {
			cs = jsonComments(data)
		}
		last := -1
		for _, c := range cs {
			if c.Start < last || c.End < c.Start || c.End > len(data) {
				t.Fatalf("comment out of order or bounds: %+v (len %d)", c, len(data))
			}
			last = c.End
		}
	})
}

func TestCommentWords(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"vectorize is intentionally omitted", true},
		{"the limiter calls no-op there", true},
		{"see env-read-unbound", false},
		{"want \"env-missing-binding: has no d1\"", true}, // containsAny itself; annotations are skipped earlier
		{"keys are sent as is", false},
	} {
		if got := containsAny(tc.text, omissionWords); got != tc.want {
			t.Errorf("containsAny(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
	if !isWantAnnotation(` want "env-read-unbound"`) || !isWantAnnotation(" want 19 \"x\"") || isWantAnnotation(" wanted: a cache") {
		t.Error("want annotations")
	}
	if containsWord("MY_CACHE is optional", "CACHE") || !containsWord("CACHE, optional", "CACHE") {
		t.Error("whole names")
	}
}

// A // comment may end the file without a newline, as jsonc-parser
// (wrangler's) allows; an unterminated block comment is still an error.
func TestJSONCLineCommentAtEOF(t *testing.T) {
	c := parseConfig(t, "wrangler.jsonc", `{ "name": "a" } // the end`)
	if name, _ := c.Root.GetString("name"); name != "a" {
		t.Errorf("name = %q", name)
	}
	f := source.NewFile("/p/wrangler.jsonc", "wrangler.jsonc", []byte(`{ "name": "a" } /* open`))
	if _, err := ParseJSONC(f); err == nil {
		t.Error("an unterminated block comment parsed")
	}
}

func TestCommentedKey(t *testing.T) {
	toml := parseConfig(t, "wrangler.toml", "name = \"a\"\nkeep_vars = true\n# [vars]\n# admin = \"\"   # set in the dashboard\n")
	if !toml.CommentedKey("admin") || toml.CommentedKey("name") {
		t.Error("TOML: a commented-out entry is a key the author knows; a live one is not a comment")
	}
	jsonc := parseConfig(t, "wrangler.jsonc", "{\n  // \"API_URL\": \"https://x\",\n  // UPSTREAM: the code reads it\n  \"name\": \"a\"\n}\n")
	if !jsonc.CommentedKey("API_URL") || jsonc.CommentedKey("UPSTREAM") {
		t.Error("JSONC: a quoted key with a value counts, prose naming a key does not")
	}
}
