package rules

import (
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "binding-to-recreated-class",
	Severity: lint.SeverityWarning,
	Doc: lint.Doc{
		Summary: "a migration deletes a class that a later (or the same) step creates again while a binding names it: every deploy that replays the delete fails",
		Why: "wrangler sends only the pending migration steps: every step on a Worker's first deploy (no script, or no " +
			"migration tag yet), otherwise those after the tag the account has applied. A pending `deleted_classes` entry for a " +
			"class that a Durable Object binding names fails the whole upload: \"Cannot apply --delete-class migration to class " +
			"'<C>' without also removing the binding that references it. [code: 10061]\" (reported in workers-sdk#8210, " +
			"UsefulSoftwareCo/executor#1191, tldraw/tldraw#7834). Creating the class again in a later step of the same deploy " +
			"does not help: the check is about the binding. And a script with no previous version fails a delete step anyway: " +
			"\"Cannot apply delete-class migration to class '<C>' which was not exported in the previous version of the " +
			"script [code: 10074]\" (tldraw/tldraw#8638, a fresh preview Worker).\n\n" +
			"So a history that deletes a class and creates it again while a binding names it cannot be replayed: the first " +
			"deploy of this config to a new environment (each environment deploys as its own script, `<name>-<env>`, and " +
			"replays every step), a preview or test Worker, or another account (a template, a fork) fails. Where the delete " +
			"step was applied before the binding named the class again, the existing Worker keeps deploying: which tags an " +
			"account has applied is not in the repository, hence a warning and not an error. Renames (`renamed_classes` from " +
			"a class a later step re-creates) are not reported: no API error for a binding left on the renamed class is known.\n\n" +
			"To keep the history replayable, create the new class under another name and bind that one (the old name stays " +
			"deleted); leave applied steps as they are.",
		Bad: `-- wrangler.jsonc --
{
  "name": "chat",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "durable_objects": {
    "bindings": [{ "name": "ROOM", "class_name": "Room" }]
  },
  "migrations": [
    { "tag": "v1", "new_classes": ["Room"] },
    { "tag": "v2", "deleted_classes": ["Room"] },
    { "tag": "v3", "new_sqlite_classes": ["Room"] }
  ]
}
-- src/index.ts --
import { DurableObject } from "cloudflare:workers";

export class Room extends DurableObject {}

export default {
  async fetch(request: Request, env: Env) {
    return env.ROOM.getByName("lobby").fetch(request);
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "chat",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "durable_objects": {
    "bindings": [{ "name": "ROOM", "class_name": "SqlRoom" }]
  },
  "migrations": [
    { "tag": "v1", "new_classes": ["Room"] },
    { "tag": "v2", "deleted_classes": ["Room"], "new_sqlite_classes": ["SqlRoom"] }
  ]
}
-- src/index.ts --
import { DurableObject } from "cloudflare:workers";

export class SqlRoom extends DurableObject {}
export class Room extends DurableObject {} // kept while the delete step is pending somewhere

export default {
  async fetch(request: Request, env: Env) {
    return env.ROOM.getByName("lobby").fetch(request);
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: runBindingToRecreatedClass,
})

// recreation is one deleted_classes entry whose class a step then
// creates again, with the bindings that name it.
type recreation struct {
	deleted, created *wrangler.Node
	deleteTag        string
	createTag        string
	sameStep         bool
	step             int
	bindings         []*wrangler.DOBinding
}

func runBindingToRecreatedClass(p *lint.Pass) {
	byNode := map[*wrangler.Node]*recreation{}
	var order []*recreation
	eachEnv(p, func(w *project.Worker, e *wrangler.Env) {
		h := e.Migrations()
		recs := recreations(h.Node)
		for _, b := range e.DurableObjects() {
			if !b.Local() || h.Classes[b.ClassName] == nil {
				continue // gone at the end: binding-to-deleted-class
			}
			for _, r := range recs {
				if r.deleted.Str != b.ClassName {
					continue
				}
				if byNode[r.deleted] == nil {
					rc := r
					byNode[r.deleted] = &rc
					order = append(order, &rc)
				}
				byNode[r.deleted].bindings = append(byNode[r.deleted].bindings, b)
			}
		}
	})
	for _, r := range order {
		reportRecreation(p, r)
	}
}

// recreations replays the steps as the runtime does (within a step:
// deleted, renamed, then created) and pairs each deletion with the first
// later creation of the same class.
func recreations(migrations *wrangler.Node) []recreation {
	var out []recreation
	pending := map[string]int{} // class -> index in out still waiting for its re-creation
	for i, step := range migrations.Objects() {
		tag, _ := step.GetString("tag")
		for _, n := range step.Get("deleted_classes").Strings() {
			pending[n.Str] = len(out)
			out = append(out, recreation{deleted: n, deleteTag: tag, step: i})
		}
		for _, key := range []string{"new_classes", "new_sqlite_classes"} {
			for _, n := range step.Get(key).Strings() {
				if j, ok := pending[n.Str]; ok {
					out[j].created, out[j].createTag, out[j].sameStep = n, tag, out[j].step == i
					delete(pending, n.Str)
				}
			}
		}
	}
	kept := out[:0]
	for _, r := range out {
		if r.created != nil {
			kept = append(kept, r)
		}
	}
	return kept
}

func reportRecreation(p *lint.Pass, r *recreation) {
	class := source.Quote(r.deleted.Str)
	again := stepName(r.createTag) + " (" + lineOf(r.created.Span) + ") creates it again"
	if r.sameStep {
		again = "the same step creates it again"
	}
	var names []string
	related := []lint.Related{{Span: r.created.Span, Note: "created again here"}}
	for _, b := range r.bindings {
		label := source.Quote(b.Name)
		if !b.Env.IsTop() {
			label += " (" + b.Env.Label() + ")"
		}
		if !contains(names, label) {
			names = append(names, label)
		}
		related = append(related, lint.Related{Span: b.ClassNode.Span, Note: "binding " + source.Quote(b.Name) + inEnv(b.Env) + " names " + class})
	}
	bound := "binding " + names[0] + " names"
	if len(names) > 1 {
		bound = "bindings " + strings.Join(names, ", ") + " name"
	}
	p.ReportRelated(r.deleted.Span, nil, "migration "+stepName(r.deleteTag)+" deletes class "+class+" and "+again+", while "+bound+
		" it: wherever that step is still pending (the first deploy of this config to a new environment, "+
		"a preview Worker or another account replays every step) the deploy fails (\"Cannot apply --delete-class migration to class "+
		"... without also removing the binding that references it\", code 10061); create the new class under another name and bind "+
		"that instead", related)
}

// stepName names a migration step by its tag.
func stepName(tag string) string {
	if tag == "" {
		return "an untagged step"
	}
	return "step " + source.Quote(tag)
}
