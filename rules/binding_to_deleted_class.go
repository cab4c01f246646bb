package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "binding-to-deleted-class",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "a Durable Object binding names a class that the migrations delete or rename away",
		Why: "After the migrations run, the class no longer exists (or exists under its new name). While the deleting step is " +
			"pending, the API refuses the upload: \"Cannot apply --delete-class migration to class '<C>' without also removing " +
			"the binding that references it. [code: 10061]\" (reported in workers-sdk#8210 and UsefulSoftwareCo/executor#1191); " +
			"once it has been applied, a binding to a class that no longer exists cannot be created either, so the deploy fails " +
			"whichever steps the account has applied. This usually happens when a class was renamed in a migration but one " +
			"environment's binding (bindings are not inherited, migrations are) still uses the old name.\n\n" +
			"The API checks every binding to the class, including those of other Workers (`script_name`): in " +
			"cloudflare/mcp-server-cloudflare#387 a sibling Worker still bound the class, and the owner's delete step failed " +
			"with 10061 until that Worker was deployed without the binding. So a binding in another Worker config of the " +
			"repository whose script_name names this deployment, to a class this deployment's migrations delete, is reported " +
			"too, at that binding: remove it there and deploy that Worker first.\n\n" +
			"Only the end of the history counts here: a class deleted and created again later is reported by " +
			"binding-to-recreated-class (a warning, since it fails only where the delete step is still pending). Other migration " +
			"mistakes depend on what the account has already applied (a class dropped without deleted_classes, 10064; a step " +
			"added to an applied tag; a delete of a class the previous version did not export, 10074): the config alone cannot " +
			"show them.",
		Bad: `-- wrangler.jsonc --
{
  "name": "chat",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "durable_objects": {
    "bindings": [{ "name": "CHAT", "class_name": "Chat" }]
  },
  "migrations": [
    { "tag": "v1", "new_sqlite_classes": ["Chat"] },
    { "tag": "v2", "renamed_classes": [{ "from": "Chat", "to": "Room" }] }
  ]
}
-- src/index.ts --
import { DurableObject } from "cloudflare:workers";

export class Room extends DurableObject {}

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
  "durable_objects": {
    "bindings": [{ "name": "CHAT", "class_name": "Room" }]
  },
  "migrations": [
    { "tag": "v1", "new_sqlite_classes": ["Chat"] },
    { "tag": "v2", "renamed_classes": [{ "from": "Chat", "to": "Room" }] }
  ]
}
-- src/index.ts --
import { DurableObject } from "cloudflare:workers";

export class Room extends DurableObject {}

export default {
  async fetch(request: Request, env: Env) {
    return env.CHAT.getByName("lobby").fetch(request);
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: func(p *lint.Pass) {
		eachEnv(p, func(w *project.Worker, e *wrangler.Env) {
			h := e.Migrations()
			for _, b := range e.DurableObjects() {
				if !b.Local() {
					checkRemoteDeletedClass(p, e, b)
					continue
				}
				r, removed := h.Removed[b.ClassName]
				if !removed || h.Classes[b.ClassName] != nil {
					continue
				}
				what := "deletes it"
				if r.Renamed != "" {
					what = "renames it to " + source.Quote(r.Renamed)
				}
				p.ReportRelated(b.ClassNode.Span, e, "binding "+source.Quote(b.Name)+inEnv(e)+" uses class "+source.Quote(b.ClassName)+
					", but migration "+source.Quote(r.Tag)+" ("+lineOf(r.Node.Span)+") "+what+": the deploy fails",
					[]lint.Related{{Span: r.Node.Span, Note: "migration " + source.Quote(r.Tag) + " " + what}})
			}
		})
	},
})

// checkRemoteDeletedClass: a binding whose script_name names a deployment
// of this repository, to a class that deployment's migrations delete or
// rename away.
func checkRemoteDeletedClass(p *lint.Pass, e *wrangler.Env, b *wrangler.DOBinding) {
	d, ok := p.Project.WorkerNamed(b.ScriptName)
	if !ok || b.ClassName == "" {
		return
	}
	h := d.Env.Migrations()
	r, removed := h.Removed[b.ClassName]
	if !removed || h.Classes[b.ClassName] != nil {
		return
	}
	owner := "Worker " + source.Quote(b.ScriptName) + " (" + d.Label() + ")"
	what := "deletes it"
	why := "while this binding is deployed, that Worker's deploy of the step fails (\"Cannot apply --delete-class migration ... " +
		"without also removing the binding that references it\", code 10061: the API checks the bindings of every Worker), and after " +
		"it the binding names a class that no longer exists; remove the binding and deploy this Worker before " + owner + " applies " +
		source.Quote(r.Tag)
	if r.Renamed != "" {
		what = "renames it to " + source.Quote(r.Renamed)
		why = "after the step the class exists only as " + source.Quote(r.Renamed) + ", so the binding names a class that no longer " +
			"exists; bind " + source.Quote(r.Renamed) + " instead"
	}
	p.ReportRelated(b.ClassNode.Span, e, "binding "+source.Quote(b.Name)+inEnv(e)+" uses class "+source.Quote(b.ClassName)+" of "+owner+
		", whose migration "+source.Quote(r.Tag)+" ("+r.Node.Span.Where()+") "+what+": "+why,
		[]lint.Related{{Span: r.Node.Span, Note: owner + "'s migration " + source.Quote(r.Tag) + " " + what}})
}
