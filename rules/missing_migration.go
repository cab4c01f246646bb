package rules

import (
	"github.com/wranglint/wranglint/lint"
)

var _ = register(&lint.Rule{
	ID:       "missing-migration",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "a local Durable Object class is created by no migration and no `exports` entry",
		Why: "A Durable Object class must be created by a migration (new_sqlite_classes, new_classes, or renamed_classes[].to) " +
			"or declared in `exports` before a binding can use it. wrangler only warns; the deploy then fails at the API with " +
			"\"Cannot create binding for class ...\". Migrations are inherited by environments, bindings are not, so a class " +
			"bound only in one environment is easy to forget.",
		Bad: `"durable_objects": { "bindings": [{ "name": "Chat", "class_name": "Chat" }] }
// no "migrations"`,
		Good: `"durable_objects": { "bindings": [{ "name": "Chat", "class_name": "Chat" }] },
"migrations": [{ "tag": "v1", "new_sqlite_classes": ["Chat"] }]`,
		Fix:       "safe: append a migration with the next tag in the file's own scheme (v1 -> v2) creating the class with SQLite storage",
		FixSafety: lint.FixSafe,
	},
	Run: runMissingMigration,
})

func runMissingMigration(p *lint.Pass) {
	eachEnv(p, func(w *lint.Worker, e *lint.Env) {
		h := e.Migrations()
		exported := exportedClasses(e)
		for _, b := range e.DurableObjects() {
			if !b.Local() || b.ClassName == "" || h.Classes[b.ClassName] != nil || exported[b.ClassName] {
				continue
			}
			if _, removed := h.Removed[b.ClassName]; removed {
				continue // binding-to-deleted-class reports it
			}
			p.Report(b.ClassNode.Span, e, "class "+lint.Quote(b.ClassName)+" of binding "+lint.Quote(b.Name)+inEnv(e)+
				" is created by no migration: the deploy fails with \"Cannot create binding for class\"; add a migration with "+
				"\"new_sqlite_classes\": ["+lint.Quote(b.ClassName)+"]", migrationFix(e, h, b.ClassName))
		}
	})
}

// exportedClasses are the Durable Object classes the exports map declares.
func exportedClasses(e *lint.Env) map[string]bool {
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

// migrationFix appends a step creating class as SQLite-backed, where this
// environment's migrations are written (or at the top level).
func migrationFix(e *lint.Env, h *lint.MigrationHistory, class string) *lint.Fix {
	tag := nextTag(h.Tags)
	desc := "add migration " + lint.Quote(tag) + " creating " + lint.Quote(class) + " with SQLite storage"
	arr := h.Node
	owner, header := e.Config.Root, "migrations"
	if e.Own("migrations") != nil {
		owner, header = e.Node, "env."+e.Name+".migrations"
	}
	if arr != nil && !arr.IsArray() {
		return nil
	}
	var edits []lint.Edit
	if e.Config.Format == "toml" {
		if arr != nil && !arr.Tables {
			edits = lint.AppendItem(arr, "{ tag = "+lint.Quote(tag)+", new_sqlite_classes = ["+lint.Quote(class)+"] }")
		} else {
			edits = []lint.Edit{lint.AppendTOMLTable(e.Config.File, header, []string{"tag = " + lint.Quote(tag), "new_sqlite_classes = [" + lint.Quote(class) + "]"})}
		}
	} else {
		step := "{ \"tag\": " + lint.Quote(tag) + ", \"new_sqlite_classes\": [" + lint.Quote(class) + "] }"
		if arr != nil {
			edits = lint.AppendItem(arr, step)
		} else {
			edits = lint.InsertMember(owner, "migrations", "["+step+"]")
		}
	}
	return &lint.Fix{Description: desc, Safe: true, Edits: edits}
}
