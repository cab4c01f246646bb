package lint_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/rules"
)

// An editor's snapshot made from the previous one and the changed paths
// finds exactly what a fresh load finds, after every edit: of a client,
// an import, a config, a file created and one removed.
func TestReloadEqualsFreshLoad(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "../testdata/coderagent", dir)
	client := filepath.Join(dir, "src", "client.tsx")
	server := filepath.Join(dir, "src", "server.ts")
	config := filepath.Join(dir, "wrangler.jsonc")
	extra := filepath.Join(dir, "src", "extra.ts")
	read := func(p string) string {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	clientText, serverText, configText := read(client), read(server), read(config)
	steps := []struct {
		name    string
		overlay map[string]string // in memory (unsaved)
		disk    map[string]string // written ("" removes)
		changed []string
	}{
		{"client fixed in memory", map[string]string{client: strings.Replace(clientText, `"coderagent"`, `"CoderAgent"`, 1)}, nil, []string{client}},
		{"client broken again", map[string]string{client: strings.Replace(clientText, `"coderagent"`, `"coder-agnet"`, 1)}, nil, []string{client}},
		{"buffer closed", nil, nil, []string{client}},
		{"server imports a new module", map[string]string{server: "import { X } from \"./extra\";\n" + serverText}, nil, []string{server}},
		{"the module is created", map[string]string{server: "import { X } from \"./extra\";\n" + serverText}, map[string]string{extra: "export const X = 1;\n"}, []string{extra}},
		{"config binding renamed", map[string]string{config: strings.Replace(configText, `"name": "CoderAgent"`, `"name": "coderagent"`, 1)}, nil, []string{config}},
		{"the module is removed", nil, map[string]string{extra: ""}, []string{extra, server, config}},
		{"syntax error in the server", map[string]string{server: serverText + "\nexport const broken = ;\n"}, nil, []string{server}},
	}
	opts := project.LoadOptions{Paths: []string{dir}, WorkDir: dir, KeepState: true}
	prev := project.Load(opts)
	for _, st := range steps {
		for p, text := range st.disk {
			if text == "" {
				os.Remove(p)
			} else if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		overlay := map[string][]byte{}
		for p, text := range st.overlay {
			overlay[p] = []byte(text)
		}
		inc := opts
		inc.Overlay, inc.Previous, inc.Changed = overlay, prev, st.changed
		p := project.Load(inc)
		fresh := opts
		fresh.Overlay = overlay
		got, want := report(p), report(project.Load(fresh))
		if !slices.Equal(got, want) {
			t.Fatalf("%s: the incremental snapshot finds\n%s\na fresh load\n%s", st.name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		prev = p
	}
}

func report(p *project.Project) []string {
	var out []string
	for _, d := range lint.Run(p, rules.All(), lint.DefaultOptions()).Diagnostics {
		out = append(out, fmt.Sprintf("%s:%d:%d %s %s", d.Span.File.Rel, d.Span.Start, d.Span.End, d.Rule, d.Message))
	}
	return out
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
