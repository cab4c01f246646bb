package rules

import (
	"sort"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "do-script-name-unknown",
	Severity: lint.SeverityWarning,
	Requires: []*lint.Analysis{analyses.Classes},
	Doc: lint.Doc{
		Summary: "a Durable Object binding's `script_name` names no Worker of the repository, but one of a near name, or the class is this Worker's own",
		Why: "`script_name` makes the binding remote: the class is looked up in the deployed Worker of that name. When no script of that " +
			"name exists the deploy fails with \"Cannot create binding for class ... in script '<S>' that does not exist\" (code 10061, " +
			"huilang-me/CF-Server-Monitor#55); when one exists by chance, the binding reaches its objects. A name that no Worker of the " +
			"repository has may belong to a Worker deployed from elsewhere, so the rule speaks only when a Worker of the repository has a " +
			"name that differs in letter case, `-` and `_`, or at most two characters (and suggests it), or when this Worker's own main " +
			"creates the class in a migration and exports it, and no other binding of the environment binds it locally (the class is " +
			"its own: drop `script_name`). " +
			"Bindings with the legacy `environment` field are left alone.",
		Bad: `-- api/wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "durable_objects": { "bindings": [{ "name": "ROOMS", "class_name": "Room", "script_name": "room-workers" }] }
}
-- api/src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    return env.ROOMS.get(env.ROOMS.idFromName("lobby")).fetch(request);
  },
};
-- rooms/wrangler.jsonc --
{
  "name": "room-worker",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "durable_objects": { "bindings": [{ "name": "ROOMS", "class_name": "Room" }] },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["Room"] }]
}
-- rooms/src/index.ts --
import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {}
export default { fetch: () => new Response("rooms") };
`,
		Good: `-- api/wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "durable_objects": { "bindings": [{ "name": "ROOMS", "class_name": "Room", "script_name": "room-worker" }] }
}
-- api/src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    return env.ROOMS.get(env.ROOMS.idFromName("lobby")).fetch(request);
  },
};
-- rooms/wrangler.jsonc --
{
  "name": "room-worker",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "durable_objects": { "bindings": [{ "name": "ROOMS", "class_name": "Room" }] },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["Room"] }]
}
-- rooms/src/index.ts --
import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {}
export default { fetch: () => new Response("rooms") };
`,
		Fix:       "unsafe: the name becomes the repository Worker's it nearly matches",
		FixSafety: lint.FixUnsafe,
	},
	Run: runDOScriptNameUnknown,
})

func runDOScriptNameUnknown(p *lint.Pass) {
	wn := indexWorkerNames(p)
	for _, d := range deployments(p) {
		if d.Worker.BindingsElsewhere != "" {
			continue
		}
		for _, b := range d.Env.DurableObjects() {
			s := b.ScriptName
			if s == "" || wrangler.HasPlaceholder(s) || b.Node.Get("environment") != nil || len(wn.byName[s]) > 0 || len(wn.byTop[s]) > 0 {
				continue
			}
			scriptNode := b.Node.Get("script_name")
			if ownClass(p, d, b) {
				p.Report(scriptNode.Span, d.Env, "Durable Object binding "+source.Quote(b.Name)+inEnv(d.Env)+" sets script_name "+
					source.Quote(s)+", which no Worker of this repository is deployed as, while this Worker ("+source.Quote(d.Env.WorkerName())+
					") creates class "+source.Quote(b.ClassName)+" and its main exports it: unless a Worker named "+source.Quote(s)+
					" is deployed from elsewhere, the deploy fails (\"Cannot create binding for class\", code 10061); remove script_name "+
					"to bind this Worker's own class")
				continue
			}
			if near := nearWorkerNames(wn, s); len(near) > 0 {
				reportNearScript(p, d, b, scriptNode, wn, near)
			}
		}
	}
}

// nearWorkerNames lists the repository's deploy names near s, nearest first.
func nearWorkerNames(wn *workerNames, s string) []string {
	var near []string
	for _, name := range wn.names {
		if nearName(s, name) {
			near = append(near, name)
		}
	}
	sort.SliceStable(near, func(i, j int) bool { return source.EditDistance(s, near[i]) < source.EditDistance(s, near[j]) })
	return near
}

func reportNearScript(p *lint.Pass, d deployment, b *wrangler.DOBinding, scriptNode *wrangler.Node, wn *workerNames, near []string) {
	best := near[0]
	where := wn.byName[best][0]
	msg := "Durable Object binding " + source.Quote(b.Name) + inEnv(d.Env) + " sets script_name " + source.Quote(b.ScriptName) +
		", which no Worker of this repository is deployed as; " + where.Label() + " deploys " + source.Quote(best) +
		": unless a Worker named " + source.Quote(b.ScriptName) + " is deployed from elsewhere, the deploy fails (\"Cannot create " +
		"binding for class\", code 10061); did you mean " + source.Quote(best) + "?"
	var fix *lint.Fix
	if len(near) == 1 || source.EditDistance(b.ScriptName, near[0]) < source.EditDistance(b.ScriptName, near[1]) {
		fix = &lint.Fix{Description: "set script_name to " + source.Quote(best), Applicability: lint.Unsafe,
			Edits: []source.Edit{{File: scriptNode.Span.File, Start: scriptNode.Span.Start, End: scriptNode.Span.End, New: configString(scriptNode, best)}}}
	}
	p.ReportRelated(scriptNode.Span, d.Env, msg, []lint.Related{{Span: nameSpan(where), Note: "the Worker " + source.Quote(best)}}, fix)
}

// ownClass: the deployment's migrations create the class and its main
// exports it, and no other binding of the environment binds it locally
// (then the class serves those, and this remote binding may be on purpose).
func ownClass(p *lint.Pass, d deployment, b *wrangler.DOBinding) bool {
	if d.Env.Migrations().Classes[b.ClassName] == nil {
		return false
	}
	for _, other := range d.Env.DurableObjects() {
		if other != b && other.Local() && other.ClassName == b.ClassName {
			return false
		}
	}
	chain, _, ok := analyses.ClassesOf(p).Lineage(d.Worker, d.Env, b.ClassName)
	return ok || len(chain) > 0
}
