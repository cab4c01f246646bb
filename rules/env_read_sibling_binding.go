package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "env-read-sibling-binding",
	Severity: lint.SeverityWarning,
	Doc: lint.Doc{
		Summary: "shared code reads `env.X` in a Worker that binds no X, while another Worker of the repository that runs the same module binds it",
		Why: "A module shared by several Workers (a workspace package, a common src/ folder) reads what each Worker's config " +
			"binds. When one Worker runs it but never binds X, env.X is undefined there: a var silently reads as undefined, " +
			"a binding throws a TypeError. Real repositories shipped this: JSONbored/metagraphed's registry and main Workers " +
			"lacked the NEON_* vars their sibling Workers set (feature gates silently off), and cloudflare/mcp-server-cloudflare's " +
			"casb Worker ran the shared code that reads env.USER_DETAILS without the Durable Object binding its siblings have. " +
			"A warning: the path may never run in that Worker. Reported only for a module below the Worker's folder or one " +
			"its own code imports directly (deeper in a shared package, the read may belong to a feature of other Workers), and only where the binding is a convention: at least two of " +
			"the other Workers running the module bind the name, and at least two thirds of them. Not reported: a name any environment of the Worker binds " +
			"(env-read-unbound judges those), a var the sibling may hold as a secret (secrets.required, a credential-like name " +
			"or value, a placeholder), a var of a Worker whose config keeps vars set in the dashboard (keep_vars) or lists the name in a commented-out entry, or a module the sibling does not run itself. A Worker whose bindings an Alchemy program (alchemy.run.ts in its folder or above) also declares is not judged by what its config lacks.",
		Bad: `-- apps/web/wrangler.jsonc --
{
  "name": "web",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "vars": { "FEATURE_SEARCH": "on" }
}
-- apps/web/src/index.ts --
import { search } from "../../../packages/shared/search";

export default {
  async fetch(request: Request, env: Env) {
    return search(request, env);
  },
} satisfies ExportedHandler<Env>;
-- apps/api/wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "vars": { "FEATURE_SEARCH": "on" }
}
-- apps/api/src/index.ts --
import { search } from "../../../packages/shared/search";

export default {
  async fetch(request: Request, env: Env) {
    return search(request, env);
  },
} satisfies ExportedHandler<Env>;
-- apps/cron/wrangler.jsonc --
{
  "name": "cron",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01"
}
-- apps/cron/src/index.ts --
import { search } from "../../../packages/shared/search";

export default {
  async fetch(request: Request, env: Env) {
    return search(request, env);
  },
} satisfies ExportedHandler<Env>;
-- packages/shared/search.ts --
export function search(request: Request, env: { FEATURE_SEARCH?: string }) {
  if (env.FEATURE_SEARCH !== "on") return new Response("search is off"); // always off in cron
  return new Response("results for " + new URL(request.url).search);
}`,
		Good: `-- apps/web/wrangler.jsonc --
{
  "name": "web",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "vars": { "FEATURE_SEARCH": "on" }
}
-- apps/web/src/index.ts --
import { search } from "../../../packages/shared/search";

export default {
  async fetch(request: Request, env: Env) {
    return search(request, env);
  },
} satisfies ExportedHandler<Env>;
-- apps/api/wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "vars": { "FEATURE_SEARCH": "on" }
}
-- apps/api/src/index.ts --
import { search } from "../../../packages/shared/search";

export default {
  async fetch(request: Request, env: Env) {
    return search(request, env);
  },
} satisfies ExportedHandler<Env>;
-- apps/cron/wrangler.jsonc --
{
  "name": "cron",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "vars": { "FEATURE_SEARCH": "on" }
}
-- apps/cron/src/index.ts --
import { search } from "../../../packages/shared/search";

export default {
  async fetch(request: Request, env: Env) {
    return search(request, env);
  },
} satisfies ExportedHandler<Env>;
-- packages/shared/search.ts --
export function search(request: Request, env: { FEATURE_SEARCH?: string }) {
  if (env.FEATURE_SEARCH !== "on") return new Response("search is off");
  return new Response("results for " + new URL(request.url).search);
}`,
	},
	Run: runEnvReadSiblingBinding,
})

// runner is a Worker that runs a module, with what it binds.
type runner struct {
	w     *project.Worker
	bound map[string]wrangler.Binding // over all its deployed environments
}

func runEnvReadSiblingBinding(p *lint.Pass) {
	runners := map[string][]*runner{} // module path -> Workers whose graphs hold it
	all := map[*project.Worker]*runner{}
	for _, w := range p.Project.Workers {
		if w.TestHarness || isPages(w) || w.BindingsElsewhere != "" {
			continue
		}
		r := &runner{w: w, bound: map[string]wrangler.Binding{}}
		all[w] = r
		for _, e := range w.Config.Envs {
			for n, b := range boundNames(e) {
				if _, seen := r.bound[n]; !seen {
					r.bound[n] = b
				}
			}
		}
		seen := map[string]bool{}
		for _, m := range w.Modules() {
			for _, in := range p.Project.RuntimeFiles(m) {
				if !seen[in] {
					seen[in] = true
					runners[in] = append(runners[in], r)
				}
			}
		}
	}
	for _, w := range readers(p.Project) {
		me := all[w]
		near := nearModules(p.Project, w)
		uses := map[string][]jscode.EnvUse{}
		for _, e := range deployedEnvs(w) {
			for name, us := range envReads(p.Project, w, e) {
				uses[name] = append(uses[name], us...)
			}
		}
		for _, name := range source.SortedKeys(uses) {
			if _, ok := me.bound[name]; ok {
				continue
			}
			us := uniqueUses(uses[name])
			if guardedRead([]map[string][]jscode.EnvUse{uses}, name, false) { // a flag another Worker sets and this one never does is always off here
				continue // tested before use: the module copes without it
			}
			for _, u := range us {
				if !near[u.Span.File.Path] {
					continue // deeper in a shared package: a path this Worker may never take
				}
				if s, b, ok := siblingBinding(runners[u.Span.File.Path], w, name); ok && !(b.Kind == "vars" && varsOutOfBand(w, name)) {
					reportSiblingBinding(p, w, name, u, us, s, b)
					break
				}
			}
		}
	}
}

// siblingBinding finds the Workers that run the module and bind name by
// something that cannot be a secret set out of band, when they are a
// convention: at least two of the other Workers running it, and at least
// two thirds of them (a name one other Worker binds may be its own
// feature, on a path this Worker never takes).
func siblingBinding(rs []*runner, w *project.Worker, name string) (*project.Worker, wrangler.Binding, bool) {
	var first *runner
	var binding wrangler.Binding
	others, binders := 0, 0
	for _, r := range rs {
		if r.w == w || r.w.Config == w.Config || sameMain(r.w, w) {
			continue // the same program deployed twice: env-read-unbound judges twins
		}
		others++
		b, ok := r.bound[name]
		if !ok {
			continue
		}
		if maySecret(r.w, b) {
			return nil, wrangler.Binding{}, false
		}
		binders++
		if first == nil {
			first, binding = r, b
		}
	}
	if binders < 2 || 3*binders < 2*others {
		return nil, wrangler.Binding{}, false
	}
	return first.w, binding, true
}

func reportSiblingBinding(p *lint.Pass, w *project.Worker, name string, u jscode.EnvUse, us []jscode.EnvUse, s *project.Worker, b wrangler.Binding) {
	effect := "reads as undefined there"
	if b.Kind != "vars" {
		effect = "is undefined there, and using it throws a TypeError"
	}
	related := []lint.Related{{Span: b.Span(), Note: describeBinding(b) + " of " + s.Config.File.Rel + ", which runs the same module"}}
	for _, o := range us {
		if o.Span.String() != u.Span.String() && len(related) < 4 {
			related = append(related, lint.Related{Span: o.Span, Note: "also read here"})
		}
	}
	who := w.Config.File.Rel
	if name := w.Config.Top().WorkerName(); name != "" {
		who = "Worker " + source.Quote(name) + " (" + who + ")"
	}
	p.ReportRelated(u.Span, nil, "the code reads env."+name+" in a module that "+who+" runs but binds in no environment, while "+
		s.Config.File.Rel+" and other Workers that run the same module bind it ("+describeBinding(b)+"): in "+w.Config.File.Rel+
		" env."+name+" "+effect+"; bind it there too, or keep that path out of this Worker", related)
}

// nearModules are the modules the Worker's own code (below its config's
// folder) is or imports directly: code it calls into, not code a shared
// package may hold for other Workers.
func nearModules(pr *project.Project, w *project.Worker) map[string]bool {
	out := map[string]bool{}
	for _, m := range w.Modules() {
		for _, f := range pr.RuntimeFiles(m) {
			if !source.Within(w.Config.Dir, f) {
				continue
			}
			out[f] = true
			if sf := pr.Facts(f); sf != nil {
				for _, r := range sf.Imports {
					if to := pr.ResolveModule(f, r.Spec); to != "" {
						out[to] = true
					}
				}
			}
		}
	}
	return out
}

// sameMain: two Workers deploy the same main module.
func sameMain(a, b *project.Worker) bool {
	m := deployedMain(a)
	return m != "" && m == deployedMain(b)
}
