package settings

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

func parseString(t *testing.T, src string) *Settings {
	t.Helper()
	return Parse(source.NewFile("/repo/"+FileName, FileName, []byte(src)))
}

func problems(s *Settings) []string {
	var out []string
	for _, p := range s.Problems {
		out = append(out, p.Span.String()+": "+p.Msg)
	}
	return out
}

func TestParseEverything(t *testing.T) {
	s := parseString(t, `{
  // comments and trailing commas are fine
  "$schema": "x",
  "rules": { "unknown-field": "off", "prefer-sqlite-classes": "error", },
  "ignore": ["legacy/**", "*.gen.ts"],
  "versions": { "agents": "0.0.41", "partyserver": "0.0.65-beta.1" },
  "clients": [
    { "function": "useChat", "nameOption": "agentId", "convention": "lowercase" },
    { "function": "api.connect", "nameArgument": 1, "convention": "verbatim", "prefix": "/rooms/" },
  ],
}`)
	if len(s.Problems) > 0 {
		t.Fatalf("unexpected problems: %v", problems(s))
	}
	if l, ok := s.Level("unknown-field"); !ok || l != LevelOff {
		t.Errorf("unknown-field: %v %v", l, ok)
	}
	if l, _ := s.Level("prefer-sqlite-classes"); l != LevelError {
		t.Errorf("prefer-sqlite-classes: %v", l)
	}
	if _, ok := s.Level("other"); ok {
		t.Error("an unset rule has no level")
	}
	if s.Versions.Agents.Version != "0.0.41" || s.Versions.PartyServer.Version != "0.0.65-beta.1" {
		t.Errorf("versions: %+v", s.Versions)
	}
	if p := s.Versions.Agents.Span.StartPos(); p.Line != 6 || p.Col != 27 {
		t.Errorf("agents version at %v", p)
	}
	want := []Client{
		{Function: "useChat", NameOption: "agentId", NameArgument: -1, Convention: ConventionLowercase, Prefix: "agents"},
		{Function: "api.connect", NameArgument: 1, Convention: ConventionVerbatim, Prefix: "rooms"},
	}
	if len(s.Clients) != 2 {
		t.Fatalf("clients: %+v", s.Clients)
	}
	for i, c := range s.Clients {
		c.Span = source.Span{}
		if c != want[i] {
			t.Errorf("client %d = %+v, want %+v", i, c, want[i])
		}
	}
}

func TestProblemsArePlacedWithSuggestions(t *testing.T) {
	cases := []struct{ src, want string }{
		{`{"ignores": []}`, `.wranglint.jsonc:1:2: unknown key "ignores" in .wranglint.jsonc (did you mean "ignore"?)`},
		{`{"rules": {"x": "warn"}}`, `1:17: rule "x" is set to "warn" (did you mean "warning"?)`},
		{`{"rules": {"x": 2}}`, `rule "x" is set to 2, which is not a level`},
		{`{"rules": {"x": "off", "x": "error"}}`, `1:24: rule "x" is given twice`},
		{`{"rules": []}`, `"rules" must be an object`},
		{`{"ignore": "dist"}`, `"ignore" must be an array of globs`},
		{`{"ignore": ["../x"]}`, `ignore pattern "../x" leaves the settings file's folder`},
		{`{"ignore": ["a[b"]}`, `ignore pattern "a[b" is not a valid pattern`},
		{`{"versions": {"agent": "1.2.3"}}`, `unknown key "versions.agent" in .wranglint.jsonc (did you mean "agents"?)`},
		{`{"versions": {"agents": "^0.2"}}`, `versions.agents "^0.2" is not an exact version`},
		{"{\n  \"clients\": [{\"function\": \"useChat\", \"nameOpton\": \"agentId\", \"convention\": \"lowercase\"}]}", `2:39: unknown key "clients[0].nameOpton" in .wranglint.jsonc (did you mean "nameOption"?)`},
		{`{"clients": [{"function": "useChat", "nameOption": "a", "convention": "lower"}]}`, `clients[0]: convention "lower" is not one wranglint knows (did you mean "lowercase"?)`},
		{`{"clients": [{"function": "useChat", "convention": "kebab"}]}`, `clients[0]: neither "nameOption" nor "nameArgument"`},
		{`{"clients": [{"function": "useChat", "nameOption": "a", "nameArgument": 0, "convention": "kebab"}]}`, `both "nameOption" and "nameArgument"`},
		{`{"clients": [{"function": "use chat", "nameArgument": -1, "convention": "kebab"}]}`, `function "use chat" is not a function name`},
		{`{"clients": [{"function": "f", "nameArgument": -1, "convention": "kebab"}]}`, `nameArgument is -1`},
		{`{"clients": [{"nameArgument": 0}]}`, `no "convention": say how the wrapper`},
		{`{"rules": {`, `invalid JSONC`},
		{`[]`, `must be a JSON object`},
	}
	for _, c := range cases {
		s := parseString(t, c.src)
		got := strings.Join(problems(s), "\n")
		if !strings.Contains(got, c.want) {
			t.Errorf("%s:\n got %s\nwant %s", c.src, got, c.want)
		}
	}
	s := parseString(t, `{"clients": [{"function": "f", "nameOption": "a", "convention": "lower"}], "rules": {"ok": "info"}}`)
	if len(s.Clients) != 0 {
		t.Error("an invalid client declaration is not used")
	}
	if l, ok := s.Level("ok"); !ok || l != LevelInfo {
		t.Error("the valid parts of a file with problems still apply")
	}
}

func TestGlobs(t *testing.T) {
	cases := []struct {
		pattern string
		yes, no []string
	}{
		{"legacy", []string{"legacy", "legacy/a.ts", "apps/legacy/x/y.ts"}, []string{"legacy2/a.ts", "a/legacyx"}},
		{"legacy/**", []string{"legacy/a.ts", "legacy/x/y.ts"}, []string{"apps/legacy/a.ts"}},
		{"/legacy/", []string{"legacy/a.ts"}, []string{"apps/legacy/a.ts"}},
		{"*.gen.ts", []string{"a.gen.ts", "src/b/c.gen.ts"}, []string{"a.ts", "gen.ts.x"}},
		{"apps/*/wrangler.jsonc", []string{"apps/api/wrangler.jsonc"}, []string{"apps/a/b/wrangler.jsonc", "wrangler.jsonc"}},
		{"**/fixtures/**", []string{"fixtures/a", "x/y/fixtures/z/w.ts"}, []string{"fixture/a"}},
		{"./src/?.ts", []string{"src/a.ts"}, []string{"src/ab.ts", "x/src/a.ts"}},
	}
	for _, c := range cases {
		g, msg := compileGlob(c.pattern)
		if msg != "" {
			t.Fatalf("%s: %s", c.pattern, msg)
		}
		for _, p := range c.yes {
			if !g.Match(p) {
				t.Errorf("%q must match %q", c.pattern, p)
			}
		}
		for _, p := range c.no {
			if g.Match(p) {
				t.Errorf("%q must not match %q", c.pattern, p)
			}
		}
	}
	s := parseString(t, `{"ignore": ["legacy"]}`)
	if !s.Ignored("/repo/apps/legacy/wrangler.jsonc") || s.Ignored("/repo/apps/api/wrangler.jsonc") || s.Ignored("/elsewhere/legacy/x") {
		t.Error("Ignored works on absolute paths below the settings folder only")
	}
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFinderNearestWinsUpToTheRepositoryRoot(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(dir, FileName)
	repo := filepath.Join(dir, "repo")
	write(t, outside, `{"rules": {"a": "off"}}`)
	write(t, filepath.Join(repo, ".git", "HEAD"), "ref: refs/heads/main\n")
	write(t, filepath.Join(repo, FileName), `{"rules": {"a": "info"}}`)
	write(t, filepath.Join(repo, "apps", "api", FileName), `{"rules": {"a": "error"}}`)
	write(t, filepath.Join(dir, "norepo", "x", "y.ts"), "")
	fs := source.NewFileSet(dir, nil, nil)
	f := NewFinder(fs, "")
	level := func(d string) string {
		s := f.For(d)
		if s == nil {
			return "none"
		}
		l, _ := s.Level("a")
		return l.String()
	}
	if got := level(filepath.Join(repo, "apps", "api", "src")); got != "error" {
		t.Errorf("nearest: %s", got)
	}
	if got := level(filepath.Join(repo, "apps", "web")); got != "info" {
		t.Errorf("repository root: %s", got)
	}
	os.Remove(filepath.Join(repo, FileName))
	f = NewFinder(source.NewFileSet(dir, nil, nil), "")
	if got := level(filepath.Join(repo, "apps", "web")); got != "none" {
		t.Errorf("the lookup must stop at the repository root, found %s", got)
	}
	if got := level(filepath.Join(dir, "norepo", "x")); got != "off" {
		t.Errorf("outside a repository the lookup goes up to the root: %s", got)
	}
	f = NewFinder(source.NewFileSet(dir, nil, nil), filepath.Join(repo, "apps", "api", FileName))
	if got := level(filepath.Join(dir, "norepo")); got != "error" {
		t.Errorf("--config applies everywhere: %s", got)
	}
	if n := len(f.Loaded()); n != 1 {
		t.Errorf("loaded %d files", n)
	}
}

func TestFinderSeesTheOverlay(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	fs := source.NewFileSet(dir, map[string][]byte{path: []byte(`{"rules": {"a": "warning"}}`)}, nil)
	if l, _ := NewFinder(fs, "").For(dir).Level("a"); l != LevelWarning {
		t.Errorf("overlay settings: %v", l)
	}
}
