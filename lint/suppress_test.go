package lint

import (
	"slices"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

// commentTexts lexes src as a file named name and returns each comment's
// text, marked "top:" when only comments come before it.
func commentTexts(name, src string) []string {
	f := source.NewFile("/p/"+name, name, []byte(src))
	var out []string
	for _, c := range commentsOf(f) {
		text := src[c.start:c.end]
		if c.beforeCode {
			text = "top:" + text
		}
		out = append(out, text)
	}
	return out
}

func TestCommentLexers(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string
	}{
		{"wrangler.jsonc", "// a\n{ \"u\": \"http://x/* not */\", /* b */ \"k\": \"\\\"//\" } // c\r\n",
			[]string{"top:// a", "/* b */", "// c"}},
		{"wrangler.toml", "# a\nname = \"x # no\" # b\ns = '''# no\n'''\nt = \"\"\"q\\\"\"\"# no\"\"\" # c\nu = 'it''s' # d\n",
			[]string{"top:# a", "# b", "# c", "# d"}},
		{"wrangler.toml", "m = \"\"\"a\"\"\"\"\" # after five quotes\n", []string{"# after five quotes"}},
		{"a.ts", "#!/usr/bin/env node\n// a\nconst r = /\\/\\/ not/g; const d = 4 / 2 // b\nconst s = `// no ${x /* c */} //no`\n",
			[]string{"top:// a", "// b", "/* c */"}},
		{"a.ts", "if (x) { y = a / b / c } /* d */ x = [1] / 2 // e\n", []string{"/* d */", "// e"}},
		{"a.tsx", "const el = <p>Don't /* no */</p>;\n// kept after the JSX line\nconst b = <div>{/* inner */}</div>\n",
			[]string{"// kept after the JSX line", "/* inner */"}},
		{"a.js", "return /[/*]/.test(s) // f\n", []string{"// f"}},
		{"a.md", "// not a known kind\n", nil},
	}
	for _, c := range cases {
		if got := commentTexts(c.name, c.src); !slices.Equal(got, c.want) {
			t.Errorf("%s %q:\n got %q\nwant %q", c.name, c.src, got, c.want)
		}
	}
}

func parseAll(t *testing.T, name, src string, known ...string) ([]*directive, []string) {
	t.Helper()
	k := map[string]bool{}
	for _, id := range known {
		k[id] = true
	}
	f := source.NewFile("/p/"+name, name, []byte(src))
	dirs, problems := fileDirectives(f, k, nil)
	var msgs []string
	for _, p := range problems {
		msgs = append(msgs, p.Span.String()+": "+p.Message)
	}
	return dirs, msgs
}

func TestDirectives(t *testing.T) {
	src := "// wranglint-disable unknown-field -- generated file\n{\n  // wranglint-disable-next-line  secret-in-vars,duplicate-key -- a test fixture\n  \"x\": 1, /* wranglint-disable-next-line\n duplicate-key */\n}\n"
	dirs, problems := parseAll(t, "wrangler.jsonc", src, "unknown-field", "secret-in-vars", "duplicate-key")
	if len(problems) > 0 {
		t.Fatalf("problems: %q", problems)
	}
	if len(dirs) != 3 {
		t.Fatalf("directives: %+v", dirs)
	}
	if !dirs[0].fileWide || dirs[0].reason != "generated file" || dirs[0].ids[0].id != "unknown-field" {
		t.Errorf("file-wide: %+v", dirs[0])
	}
	d := dirs[1]
	if d.fileWide || d.line != 4 || d.reason != "a test fixture" || len(d.ids) != 2 || d.ids[1].id != "duplicate-key" {
		t.Errorf("next-line: %+v", d)
	}
	if got := d.ids[0].span.String(); got != "wrangler.jsonc:3:35" {
		t.Errorf("the id is placed at %s", got)
	}
	if dirs[2].line != 6 || dirs[2].reason != "" {
		t.Errorf("a block comment covers the line after its end: %+v", dirs[2])
	}
}

func TestDirectiveProblems(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"a.ts", "// wranglint-disable-next-line unknown-feild -- x\n", `a.ts:1:32: no rule "unknown-feild" (did you mean "unknown-field"?)`},
		{"a.ts", "// wranglint-disable-line unknown-field\n", `a.ts:1:4: unknown directive "wranglint-disable-line" (did you mean "wranglint-disable"?)`},
		{"a.ts", "const x = 1\n// wranglint-disable unknown-field -- late\n", `a.ts:2:4: wranglint-disable applies to the whole file, so it must come before any code`},
		{"wrangler.toml", "# wranglint-disable-next-line -- why\n", `wrangler.toml:1:3: wranglint-disable-next-line names no rule`},
		{"wrangler.toml", "# wranglint-disable-next-line syntax-error -- why\n", `"syntax-error" is the engine's own finding and cannot be suppressed inline`},
	}
	for _, c := range cases {
		_, problems := parseAll(t, c.name, c.src, "unknown-field")
		if got := strings.Join(problems, "\n"); !strings.Contains(got, c.want) {
			t.Errorf("%q:\n got %s\nwant %s", c.src, got, c.want)
		}
	}
	for _, src := range []string{
		"const s = \"// wranglint-disable-next-line nothing\"\n",
		"// eslint-disable-next-line -- mentions wranglint-disable\n",
	} {
		if dirs, problems := parseAll(t, "a.ts", src); len(dirs)+len(problems) > 0 {
			t.Errorf("%q is no directive: %v %q", src, dirs, problems)
		}
	}
}

func TestCommentLexersWithBOMAndCRLF(t *testing.T) {
	for _, name := range []string{"a.ts", "wrangler.jsonc", "wrangler.toml"} {
		mark := "//"
		if name == "wrangler.toml" {
			mark = "#"
		}
		src := "\xEF\xBB\xBF" + mark + " wranglint-disable unknown-field -- x\r\n" + mark + " b\r\n"
		got := commentTexts(name, src)
		if len(got) != 2 || got[0] != "top:"+mark+" wranglint-disable unknown-field -- x" {
			t.Errorf("%s: %q", name, got)
		}
	}
}
