package rules

import (
	"sort"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "service-binding-unknown-worker",
	Severity: lint.SeverityWarning,
	Doc: lint.Doc{
		Summary: "a service binding names no Worker of the repository, but one whose name differs only a little",
		Why: "`services[].service` is a deployed script name: a Worker's `name`, `<name>-<env>` for a named environment, or the environment's own `name` " +
			"(workers-utils appendEnvName; verified with wrangler 4.164.0). When no script of that name exists in the account the deploy fails: " +
			"`could not resolve binding \"<B>\": script \"<S>\" not found [code: 10143]` (earlier 10007, workers-sdk#2968); when one exists by chance, calls " +
			"go to it. A name that no Worker of the repository has may belong to a Worker deployed from elsewhere, so the rule speaks only when a Worker " +
			"of the repository has a name that differs in letter case, `-` and `_`, or at most two characters (for names of five or more), and suggests it.",
		Bad: `-- api/wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "services": [{ "binding": "AUTH", "service": "auth_worker" }]
}
-- api/src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    return env.AUTH.fetch(request);
  },
};
-- auth/wrangler.jsonc --
{
  "name": "auth-worker",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01"
}
-- auth/src/index.ts --
export default {
  async fetch() {
    return new Response("ok");
  },
};
`,
		Good: `-- api/wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "services": [{ "binding": "AUTH", "service": "auth-worker" }]
}
-- api/src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    return env.AUTH.fetch(request);
  },
};
-- auth/wrangler.jsonc --
{
  "name": "auth-worker",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01"
}
-- auth/src/index.ts --
export default {
  async fetch() {
    return new Response("ok");
  },
};
`,
		Fix:       "unsafe: the service name becomes the repository Worker's name it nearly matches, when only one does",
		FixSafety: lint.FixUnsafe,
	},
	Run: runServiceBindingUnknownWorker,
})

// selfReferences are bindings a framework points at the Worker itself
// (service-self-reference checks them).
var selfReferences = map[string]bool{"WORKER_SELF_REFERENCE": true, "NEXT_CACHE_REVALIDATION_WORKER": true}

func runServiceBindingUnknownWorker(p *lint.Pass) {
	wn := indexWorkerNames(p)
	for _, sb := range serviceBindings(p) {
		if sb.legacyEnv != "" || selfReferences[sb.binding] || len(wn.byName[sb.service]) > 0 {
			continue
		}
		var near []string
		for _, name := range wn.names {
			if nearName(sb.service, name) {
				near = append(near, name)
			}
		}
		if len(near) == 0 {
			continue
		}
		sort.SliceStable(near, func(i, j int) bool {
			return source.EditDistance(sb.service, near[i]) < source.EditDistance(sb.service, near[j])
		})
		best := near[0]
		where := wn.byName[best][0]
		msg := "service binding " + source.Quote(sb.binding) + inEnv(sb.dep.Env) + " names " + source.Quote(sb.service) + ", which no Worker of this repository is deployed as; " +
			where.Label() + " deploys " + source.Quote(best) + ": unless a Worker named " + source.Quote(sb.service) + " is deployed from elsewhere, the deploy fails " +
			"(\"could not resolve binding\", code 10143); did you mean " + source.Quote(best) + "?"
		var fix *lint.Fix
		if len(near) == 1 || source.EditDistance(sb.service, near[0]) < source.EditDistance(sb.service, near[1]) {
			fix = &lint.Fix{Description: "name service " + source.Quote(best), Applicability: lint.Unsafe,
				Edits: []source.Edit{{File: sb.serviceNode.Span.File, Start: sb.serviceNode.Span.Start, End: sb.serviceNode.Span.End, New: configString(sb.serviceNode, best)}}}
		}
		p.ReportRelated(sb.serviceNode.Span, sb.dep.Env, msg, []lint.Related{{Span: nameSpan(where), Note: "the Worker " + source.Quote(best)}}, fix)
	}
}

// configString writes a string value in the quoting of the node it
// replaces.
func configString(n *wrangler.Node, s string) string {
	q := byte('"')
	if n.Span.Valid() && n.Span.End > n.Span.Start && n.Span.File.Data[n.Span.Start] == '\'' {
		q = '\''
	}
	return wrangler.ConfigString(s, q)
}

// nameSpan places a deployment's name in its config: the environment's
// own name, else the top-level name.
func nameSpan(d deployment) source.Span {
	if n := d.Env.Own("name"); n != nil {
		return n.Span
	}
	if n := d.Worker.Config.Root.Get("name"); n != nil {
		return n.Span
	}
	return d.Worker.Config.Root.Span
}
