package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/report"
	"github.com/wranglint/wranglint/rules"
)

const rulePages = "../../docs/rules"

// TestRuleDocPages keeps docs/rules (one page per rule, where every
// output's documentation link points) generated from the rule docs, with
// no page left over; -update rewrites them.
func TestRuleDocPages(t *testing.T) {
	want := map[string]string{"README.md": report.RuleIndex(rules.All(), lint.EngineRules())}
	for _, r := range append(rules.All(), lint.EngineRules()...) {
		if !strings.HasPrefix(lint.DocsURL(r.ID), lint.DocsBase) || !strings.HasSuffix(lint.DocsURL(r.ID), "/"+r.ID+".md") {
			t.Fatalf("lint.DocsURL(%q) = %q does not name docs/rules/%s.md", r.ID, lint.DocsURL(r.ID), r.ID)
		}
		want[r.ID+".md"] = report.RulePage(r)
	}
	have := map[string]string{}
	entries, _ := os.ReadDir(rulePages)
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(rulePages, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		have[e.Name()] = string(data)
	}
	var stale []string
	for name, text := range want {
		if have[name] != text {
			stale = append(stale, name)
		}
	}
	for name := range have {
		if _, ok := want[name]; !ok {
			stale = append(stale, name+" (no such rule)")
		}
	}
	sort.Strings(stale)
	if len(stale) == 0 {
		return
	}
	if !*update {
		t.Fatalf("docs/rules is stale (%s): run `go test ./cmd/wranglint -run RuleDocPages -update`", strings.Join(stale, ", "))
	}
	if err := os.MkdirAll(rulePages, 0o755); err != nil {
		t.Fatal(err)
	}
	for name := range have {
		if _, ok := want[name]; !ok {
			os.Remove(filepath.Join(rulePages, name))
		}
	}
	for name, text := range want {
		if err := os.WriteFile(filepath.Join(rulePages, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const settingsSchema = "../../schema/wranglint.schema.json"

// TestSettingsSchemaFile keeps schema/wranglint.schema.json generated
// (report.SettingsSchema, a level for every rule); -update rewrites it.
// lint/settings checks it against every key the parser knows.
func TestSettingsSchemaFile(t *testing.T) {
	want := report.SettingsSchema(rules.All())
	have, _ := os.ReadFile(settingsSchema)
	if string(have) == string(want) {
		return
	}
	if !*update {
		t.Fatal("schema/wranglint.schema.json is stale: run `go test ./cmd/wranglint -run SettingsSchemaFile -update`")
	}
	if err := os.MkdirAll(filepath.Dir(settingsSchema), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(settingsSchema, want, 0o644); err != nil {
		t.Fatal(err)
	}
}
