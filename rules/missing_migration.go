package rules

import (
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "missing-migration",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "a local Durable Object class is created by no migration and no `exports` entry",
		Why: "A Durable Object class must be created by a migration (new_sqlite_classes, new_classes, or renamed_classes[].to) " +
			"or declared in `exports` before a binding can use it. wrangler only warns; the deploy then fails at the API with " +
			"\"Cannot create binding for class ...\". Migrations are inherited by environments, bindings are not, so a class " +
			"bound only in one environment is easy to forget. Configs that only run tests (named as wrangler.configPath by a vitest config, or below a test, tests, e2e or __tests__ folder) are never deployed and are not checked. A Worker whose bindings an Alchemy program (alchemy.run.ts in its folder or above) also declares is not judged by what its config lacks.",
		Bad: `-- wrangler.jsonc --
{
  "name": "chat",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "durable_objects": { "bindings": [{ "name": "CHAT", "class_name": "Chat" }] }
}
-- src/index.ts --
import { DurableObject } from "cloudflare:workers";

export class Chat extends DurableObject {}

export default {
  async fetch(request: Request, env: Env) {
    return env.CHAT.getByName("lobby").fetch(request);
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "chat",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "durable_objects": { "bindings": [{ "name": "CHAT", "class_name": "Chat" }] },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["Chat"] }]
}
-- src/index.ts --
import { DurableObject } from "cloudflare:workers";

export class Chat extends DurableObject {}

export default {
  async fetch(request: Request, env: Env) {
    return env.CHAT.getByName("lobby").fetch(request);
  },
} satisfies ExportedHandler<Env>;`,
		Fix:       "safe: append a migration with the next tag in the file's own scheme (v1 -> v2) creating the class with SQLite storage",
		FixSafety: lint.FixSafe,
	},
	Run: runMissingMigration,
})

func runMissingMigration(p *lint.Pass) {
	for _, w := range p.Project.Workers {
		if w.TestHarness || w.BindingsElsewhere != "" {
			continue // never deployed; or Alchemy creates the namespaces (sqlite: true is the migration)
		}
		if w.IsPages() {
			continue // Pages defines no Durable Object: pages-config-unsupported wants a script_name
		}
		// One step creates every missing class that shares a history, so
		// that a single fix (one pass) repairs them all.
		missing := map[*wrangler.Node][]string{}
		type finding struct {
			e *wrangler.Env
			h *wrangler.MigrationHistory
			b *wrangler.DOBinding
		}
		var found []finding
		for _, e := range w.Config.Envs {
			h := e.Migrations()
			exported := exportedClasses(e)
			for _, b := range e.DurableObjects() {
				if !b.Local() || b.ClassName == "" || h.Classes[b.ClassName] != nil || exported[b.ClassName] {
					continue
				}
				if _, removed := h.Removed[b.ClassName]; removed {
					continue // binding-to-deleted-class reports it
				}
				key := historyKey(e, h)
				if !contains(missing[key], b.ClassName) {
					missing[key] = append(missing[key], b.ClassName)
				}
				found = append(found, finding{e, h, b})
			}
		}
		for _, f := range found {
			p.Report(f.b.ClassNode.Span, f.e, "class "+source.Quote(f.b.ClassName)+" of binding "+source.Quote(f.b.Name)+inEnv(f.e)+
				" is created by no migration: the deploy fails with \"Cannot create binding for class\"; add a migration with "+
				"\"new_sqlite_classes\": ["+source.Quote(f.b.ClassName)+"]", migrationFix(f.e, f.h, missing[historyKey(f.e, f.h)]))
		}
	}
}

// historyKey identifies where an environment's migrations are written.
func historyKey(e *wrangler.Env, h *wrangler.MigrationHistory) *wrangler.Node {
	if h.Node != nil {
		return h.Node
	}
	if !e.IsTop() && e.Own("migrations") != nil {
		return e.Node
	}
	return e.Config.Root
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// exportedClasses are the Durable Object classes the exports map declares.
func exportedClasses(e *wrangler.Env) map[string]bool {
	out := map[string]bool{}
	if ex := e.Get("exports"); ex.IsObject() {
		for _, m := range ex.Members {
			if t, _ := m.Value.GetString("type"); t == "durable-object" {
				if state, _ := m.Value.GetString("state"); state != "deleted" && state != "renamed" {
					out[m.Key] = true
				}
			}
		}
	}
	return out
}

// migrationFix appends a step creating the classes as SQLite-backed, where
// this environment's migrations are written (or at the top level).
func migrationFix(e *wrangler.Env, h *wrangler.MigrationHistory, classes []string) *lint.Fix {
	tag := nextTag(h.Tags)
	desc := "add migration " + source.Quote(tag) + " creating " + source.QuoteList(classes) + " with SQLite storage"
	quoted := make([]string, len(classes))
	for i, c := range classes {
		quoted[i] = wrangler.JSONString(c)
	}
	list := strings.Join(quoted, ", ")
	arr := h.Node
	owner, header := e.Config.Root, "migrations"
	if !e.IsTop() && e.Own("migrations") != nil {
		owner, header = e.Node, "env."+tomlKey(e.Name)+".migrations"
	}
	if arr != nil && !arr.IsArray() {
		return nil
	}
	var edits []source.Edit
	if e.Config.Format == "toml" {
		if arr != nil && !arr.Tables {
			edits = wrangler.AppendItem(arr, "{ tag = "+wrangler.JSONString(tag)+", new_sqlite_classes = ["+list+"] }")
		} else {
			edits = []source.Edit{wrangler.AppendTOMLTable(e.Config.File, header, []string{"tag = " + wrangler.JSONString(tag), "new_sqlite_classes = [" + list + "]"})}
		}
	} else {
		step := "{ \"tag\": " + wrangler.JSONString(tag) + ", \"new_sqlite_classes\": [" + list + "] }"
		if arr != nil {
			edits = wrangler.AppendItem(arr, step)
		} else {
			edits = wrangler.InsertMember(owner, "migrations", "["+step+"]")
		}
	}
	return &lint.Fix{Description: desc, Applicability: lint.Safe, Edits: edits}
}
