package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "ctx-exports-unavailable",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "the Worker's code reads `ctx.exports` (or `this.ctx.exports`) but its compatibility date and flags do not enable it",
		Why: "ctx.exports (loopback bindings to the Worker's own exports) exists only with compatibility_date on or after " +
			"2025-11-17 or the flag enable_ctx_exports, and not with disable_ctx_exports (workerd compatibility-date.capnp, " +
			"enableCtxExports). Otherwise ctx.exports is undefined and `ctx.exports.X` throws a TypeError when it runs. " +
			"Only `ctx` and `this.ctx` are recognised as the execution context. A module that tests ctx.exports (`ctx.exports?.X`, " +
			"`if (!ctx.exports)`) is written for both and not reported; a module several Workers run is reported once.",
		Bad: `-- wrangler.jsonc --
{
  "name": "loop",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01"
}
-- src/index.ts --
import { WorkerEntrypoint } from "cloudflare:workers";

export class Greeter extends WorkerEntrypoint {
  greet(name: string) {
    return "hello " + name;
  }
}

export default {
  async fetch(_request: Request, _env: Env, ctx: ExecutionContext) {
    return new Response(await ctx.exports.Greeter.greet("you"));
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "loop",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "compatibility_flags": ["enable_ctx_exports"]
}
-- src/index.ts --
import { WorkerEntrypoint } from "cloudflare:workers";

export class Greeter extends WorkerEntrypoint {
  greet(name: string) {
    return "hello " + name;
  }
}

export default {
  async fetch(_request: Request, _env: Env, ctx: ExecutionContext) {
    return new Response(await ctx.exports.Greeter.greet("you"));
  },
} satisfies ExportedHandler<Env>;`,
		Fix:       "safe: add \"enable_ctx_exports\" to compatibility_flags (the API is otherwise absent, so nothing else changes)",
		FixSafety: lint.FixSafe,
	},
	Run: runCtxExportsUnavailable,
})

func runCtxExportsUnavailable(p *lint.Pass) {
	reported := map[string]bool{} // a module several Workers run: one finding, at the first
	for _, w := range p.Project.Workers {
		found := map[string][]*wrangler.Env{}
		spans := map[string]source.Span{}
		var order []string
		for _, e := range deployedEnvs(w) {
			c := compatOf(e)
			if c.date == "" || c.onBy("enable_ctx_exports", "disable_ctx_exports", "2025-11-17") {
				continue
			}
			for _, sf := range graphFacts(p.Project, w, e) {
				if project.IsTestFile(sf.File.Path) || sf.CtxExportsTested {
					continue // a module that tests ctx.exports copes without it
				}
				for _, s := range sf.CtxExports {
					key := s.String()
					if found[key] == nil {
						order = append(order, key)
						spans[key] = s
					}
					found[key] = append(found[key], e)
				}
			}
		}
		for _, key := range order {
			if reported[key] {
				continue
			}
			reported[key] = true
			envs := found[key]
			e := envs[0]
			c := compatOf(e)
			why := "compatibility_date " + source.Quote(c.date) + " is before 2025-11-17 and compatibility_flags lack \"enable_ctx_exports\""
			advice := "add \"enable_ctx_exports\" (or move the date to 2025-11-17 or later)"
			var fix *lint.Fix
			if c.flags["disable_ctx_exports"] {
				why, advice = "compatibility_flags set \"disable_ctx_exports\"", "remove that flag"
			} else if len(envs) == len(deployedEnvs(w)) && sameFlags(w, envs) && declares(e, "compatibility_flags") || c.node == nil && e.IsTop() && len(envs) == len(deployedEnvs(w)) {
				fix = nodejsCompatLikeFix(e, "enable_ctx_exports")
			}
			p.Report(spans[key], e, "ctx.exports is undefined in "+configEnvs(w, envs)+": "+why+
				"; the access throws a TypeError when it runs; "+advice, fix)
		}
	}
}

// nodejsCompatLikeFix adds a compatibility flag to the environment's
// flags, creating the key where there is none.
func nodejsCompatLikeFix(e *wrangler.Env, flag string) *lint.Fix {
	flags := e.Get("compatibility_flags")
	fix := &lint.Fix{Description: "add " + source.Quote(flag) + " to compatibility_flags", Applicability: lint.Safe}
	switch {
	case flags.IsArray():
		fix.Edits = wrangler.AppendItem(flags, wrangler.JSONString(flag))
	case flags != nil:
		return nil
	case e.Config.Format == "toml":
		fix.Edits = []source.Edit{wrangler.InsertTOMLKey(e.Config.Root, "compatibility_flags", "["+wrangler.JSONString(flag)+"]")}
	default:
		fix.Edits = wrangler.InsertMember(e.Config.Root, "compatibility_flags", "["+wrangler.JSONString(flag)+"]")
	}
	return fix
}
