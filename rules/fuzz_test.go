package rules

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/fix"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// fuzzProject is a Worker whose config the fuzzer replaces: its client
// asks for "coderagent" through a const, so the rename fix (unsafe) edits
// the config's binding names; the server's main misses an export.
var fuzzProject = map[string]string{
	"wrangler.jsonc": "{}",
	"src/index.ts":   "import { CoderAgent } from \"./agent\";\nexport default { fetch: () => new Response(String(CoderAgent)) };\n",
	"src/agent.ts":   "export class CoderAgent {}\nexport class Other {}\n",
	"src/client.tsx": "import { useAgent } from \"agents/react\";\nconst A = \"coderagent\";\nexport const C = () => useAgent({ agent: A });\n",
}

// jsoncComments returns every comment of a JSONC text.
func jsoncComments(b []byte) [][]byte {
	var out [][]byte
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '"':
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case b[i] == '/' && i+1 < len(b) && b[i+1] == '/':
			j := bytes.IndexByte(b[i:], '\n')
			if j < 0 {
				j = len(b) - i
			}
			out = append(out, b[i:i+j])
			i += j
		case b[i] == '/' && i+1 < len(b) && b[i+1] == '*':
			j := bytes.Index(b[i+2:], []byte("*/"))
			if j < 0 {
				return out // unterminated: not valid JSONC anyway
			}
			out = append(out, b[i:i+j+4])
			i += j + 3
		}
	}
	return out
}

func FuzzFix(f *testing.F) {
	addSeeds(f, "wrangler.jsonc", "wrangler.json")
	f.Add([]byte("\xEF\xBB\xBF{\r\n\t\"main\": \"src/index.ts\", // m\r\n\t\"durable_objects\": {\"bindings\": [{\"name\": \"CoderAgent\", /* n */ \"class_name\": \"CoderAgent\"},]},\r\n}"))
	f.Add(manyMissingClasses(15)) // regression: one fix must create them all (it once needed a pass each)
	fuzzFixes(f, "wrangler.jsonc", jsoncComments)
}

// FuzzFixTOML is FuzzFix for wrangler.toml: appended [[tables]], keys
// inserted before the first table, quoted keys and strings.
func FuzzFixTOML(f *testing.F) {
	addSeeds(f, "wrangler.toml")
	f.Add([]byte("main = 'src/index.ts' # m\n[[durable_objects.bindings]]\nname = 'CoderAgent'\nclass_name = \"C\\u007f\"\n[env.\"a.b\"]\n[[env.\"a.b\".durable_objects.bindings]]\nname = \"X\"\nclass_name = \"Y\"\n"))
	fuzzFixes(f, "wrangler.toml", tomlComments)
}

func addSeeds(f *testing.F, names ...string) {
	for _, root := range []string{"../testdata", "../../shared/corpus"} {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && contains(names, d.Name()) {
				if data, err := os.ReadFile(p); err == nil {
					f.Add(data)
				}
			}
			return nil
		})
	}
}

// tomlComments returns the comments of a TOML text (outside strings).
func tomlComments(b []byte) [][]byte {
	var out [][]byte
	for _, line := range bytes.Split(b, []byte("\n")) {
		inStr := byte(0)
		for i := 0; i < len(line); i++ {
			c := line[i]
			switch {
			case inStr != 0 && c == '\\' && inStr == '"':
				i++
			case inStr != 0 && c == inStr:
				inStr = 0
			case inStr == 0 && (c == '"' || c == '\''):
				inStr = c
			case inStr == 0 && c == '#':
				out = append(out, bytes.TrimRight(line[i:], "\r"))
				i = len(line)
			}
		}
	}
	return out
}

// fuzzFixes runs the fixer on the fuzzed config of a Worker whose code
// stays the same, and checks: no failure, the fixed config parses, every
// comment survives, and fixing again changes nothing.
func fuzzFixes(f *testing.F, configName string, comments func([]byte) [][]byte) {
	dir := f.TempDir()
	files := map[string]string{}
	for rel, data := range fuzzProject {
		files[rel] = data
	}
	delete(files, "wrangler.jsonc")
	files[configName] = ""
	for rel, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	config := filepath.Join(dir, configName)
	parse := wrangler.ParseJSONC
	if strings.HasSuffix(configName, ".toml") {
		parse = wrangler.ParseTOML
	}
	f.Fuzz(func(t *testing.T, input []byte) {
		opts := project.LoadOptions{Paths: []string{dir}, WorkDir: dir, Overlay: map[string][]byte{config: input}}
		res, err := fix.Run(opts, All(), lint.DefaultOptions(), true)
		if err != nil {
			t.Fatalf("fixing failed: %v\ninput: %q", err, input)
		}
		out, changed := res.Fixed[config]
		if !changed {
			return
		}
		if _, err := parse(source.NewFile(config, configName, out)); err != nil {
			t.Fatalf("the fixed config does not parse: %v\n%q", err, out)
		}
		for _, c := range comments(input) {
			if !bytes.Contains(out, c) {
				t.Fatalf("comment %q lost\ninput: %q\noutput: %q", c, input, out)
			}
		}
		overlay := map[string][]byte{}
		for k, v := range res.Fixed {
			overlay[k] = v
		}
		again, err := fix.Run(project.LoadOptions{Paths: []string{dir}, WorkDir: dir, Overlay: overlay}, All(), lint.DefaultOptions(), true)
		if err != nil || len(again.Fixed) != 0 {
			t.Fatalf("not idempotent (%v): a second pass changes %v\ninput: %q", err, again.Changed(), input)
		}
	})
}

// manyMissingClasses is a config binding n classes that no migration creates.
func manyMissingClasses(n int) []byte {
	var b strings.Builder
	b.WriteString("{\n  \"main\": \"src/index.ts\",\n  \"durable_objects\": { \"bindings\": [\n")
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, "    { \"name\": \"B%d\", \"class_name\": \"C%d\" }", i, i)
	}
	b.WriteString("\n  ] },\n  \"migrations\": [{ \"tag\": \"v1\", \"new_sqlite_classes\": [] }]\n}\n")
	return []byte(b.String())
}

// fuzzJSConfig binds two classes that main may or may not export; the
// client asks for "coderagent" through a const (so fixes rename the
// binding and every env.CoderAgent) and the server code is fuzzed.
const fuzzJSConfig = `{
  "name": "fuzz",
  "main": "src/index.ts",
  "compatibility_date": "2025-01-01",
  "durable_objects": { "bindings": [
    { "name": "CoderAgent", "class_name": "CoderAgent" },
    { "name": "Other", "class_name": "Other" }
  ] },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["CoderAgent", "Other"] }]
}
`

// FuzzFixJS runs the fixer on fuzzed JavaScript: main (src/index.ts) and
// a client (src/client.tsx) of a fixed config. Every fixed script must
// parse, and fixing again must change nothing.
func FuzzFixJS(f *testing.F) {
	index, client := fuzzProject["src/index.ts"], fuzzProject["src/client.tsx"]
	f.Add([]byte(index), []byte(client))
	f.Add([]byte("import { CoderAgent } from \"./agent\"\r\nexport default { async fetch(r: Request, env: Env) { return env.CoderAgent.get(env.CoderAgent.idFromName(\"x\")).fetch(r) } }\r\n"), []byte(client))
	f.Add([]byte(index), []byte("import { useAgent } from \"agents/react\";\nexport const C = () => useAgent({ agent: \"coderagent\" });\nfetch(`/agents/coderagent/${id}`);\n"))
	for _, root := range []string{"../testdata"} {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && source.IsScript(p) && !strings.Contains(p, "node_modules") {
				if data, err := os.ReadFile(p); err == nil && len(data) < 64<<10 {
					f.Add(data, []byte(client))
					f.Add([]byte(index), data)
				}
			}
			return nil
		})
	}
	dir := f.TempDir()
	for rel, data := range map[string]string{"wrangler.jsonc": fuzzJSConfig, "src/agent.ts": fuzzProject["src/agent.ts"],
		"src/index.ts": "", "src/client.tsx": ""} {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	mainPath, clientPath := filepath.Join(dir, "src", "index.ts"), filepath.Join(dir, "src", "client.tsx")
	f.Fuzz(func(t *testing.T, main, client []byte) {
		if len(main)+len(client) > 64<<10 {
			return // large inputs only slow the fuzzer down
		}
		overlay := map[string][]byte{mainPath: main, clientPath: client}
		res, err := fix.Run(project.LoadOptions{Paths: []string{dir}, WorkDir: dir, Overlay: overlay}, All(), lint.DefaultOptions(), true)
		if err != nil {
			t.Fatalf("fixing failed: %v\nmain: %q\nclient: %q", err, main, client)
		}
		if len(res.Fixed) == 0 {
			return
		}
		again := map[string][]byte{mainPath: main, clientPath: client}
		for k, v := range res.Fixed {
			again[k] = v
		}
		second, err := fix.Run(project.LoadOptions{Paths: []string{dir}, WorkDir: dir, Overlay: again}, All(), lint.DefaultOptions(), true)
		if err != nil || len(second.Fixed) != 0 {
			t.Fatalf("not idempotent (%v): a second pass changes %v\nmain: %q\nclient: %q", err, second.Changed(), main, client)
		}
	})
}
