package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "assets-binding-missing",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "the Worker's code reads `env.ASSETS` but the deployment has no `assets.binding` (or any binding) of that name",
		Why: "env.ASSETS exists only when `assets.binding` names it (the name is free; Pages projects alone get ASSETS " +
			"without asking). Without it `env.ASSETS.fetch(request)` throws a TypeError on every request that reaches it, " +
			"while static files matched before the Worker still load, so the mistake hides until a path falls through " +
			"to the code. `assets` is inherited by environments, its binding with it. The rule speaks where the Worker " +
			"configures assets, or where its own code (below its config's folder) reads ASSETS.",
		Bad: `-- wrangler.jsonc --
{
  "name": "site",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "assets": { "directory": "public", "not_found_handling": "404-page" }
}
-- src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    if (new URL(request.url).pathname.startsWith("/api/")) return new Response("api");
    return env.ASSETS.fetch(request); // no binding: TypeError
  },
} satisfies ExportedHandler<Env>;
-- public/index.html --
<!doctype html><title>site</title>`,
		Good: `-- wrangler.jsonc --
{
  "name": "site",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "assets": { "directory": "public", "binding": "ASSETS", "not_found_handling": "404-page" }
}
-- src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    if (new URL(request.url).pathname.startsWith("/api/")) return new Response("api");
    return env.ASSETS.fetch(request);
  },
} satisfies ExportedHandler<Env>;
-- public/index.html --
<!doctype html><title>site</title>`,
		Fix:       "unsafe: where assets has no binding, `\"binding\": \"ASSETS\"` is added to it",
		FixSafety: lint.FixUnsafe,
	},
	Run: runAssetsBindingMissing,
})

// assetsName is the binding name the code reads for static assets.
const assetsName = "ASSETS"

type unboundAssets struct {
	use  jscode.EnvUse
	envs []*wrangler.Env
}

func runAssetsBindingMissing(p *lint.Pass) {
	for _, w := range p.Project.Workers {
		if isPages(w) {
			continue
		}
		found := map[string]*unboundAssets{}
		var order []string
		for _, e := range deployedEnvs(w) {
			for _, u := range assetsReadsUnbound(p.Project, w, e) {
				key := u.Span.String()
				if found[key] == nil {
					found[key] = &unboundAssets{use: u}
					order = append(order, key)
				}
				found[key].envs = append(found[key].envs, e)
			}
		}
		for _, key := range order {
			reportUnboundAssets(p, w, found[key])
		}
	}
}

// assetsReadsUnbound lists the reads of env.ASSETS in an environment's
// module graph that nothing binds, where the Worker configures assets or
// the read is in its own folder (shared code may serve other Workers).
func assetsReadsUnbound(pr *project.Project, w *project.Worker, e *wrangler.Env) []jscode.EnvUse {
	if _, bound := boundNames(e)[assetsName]; bound {
		return nil
	}
	configured := e.Get("assets") != nil
	var out []jscode.EnvUse
	for _, sf := range graphFacts(pr, w, e) {
		if project.IsTestFile(sf.File.Path) || !configured && !source.Within(w.Config.Dir, sf.File.Path) {
			continue
		}
		for _, u := range bindingReads(sf) {
			if u.Name == assetsName {
				out = append(out, u)
			}
		}
	}
	return out
}

func reportUnboundAssets(p *lint.Pass, w *project.Worker, ua *unboundAssets) {
	e := ua.envs[0]
	assets := e.Get("assets")
	var related []lint.Related
	var fix *lint.Fix
	advice := "add \"assets\": { \"directory\": ..., \"binding\": \"ASSETS\" } to " + w.Config.File.Rel
	switch b, _ := assets.GetString("binding"); {
	case assets == nil:
	case b != "":
		advice = "read env." + b + " (the binding assets names), or name the binding \"ASSETS\""
		related = append(related, lint.Related{Span: assets.Get("binding").Span, Note: "assets binding " + source.Quote(b)})
	default:
		advice = "add \"binding\": \"ASSETS\" to assets"
		related = append(related, lint.Related{Span: assets.Span, Note: "assets, without a binding"})
		if assets.IsObject() && len(ua.envs) == len(deployedEnvs(w)) {
			fix = &lint.Fix{Description: "add \"binding\": \"ASSETS\" to assets", Applicability: lint.Unsafe}
			if e.Config.Format == "toml" {
				fix = nil // a TOML table's keys are edited by hand
			} else {
				fix.Edits = wrangler.InsertMember(assets, "binding", wrangler.JSONString(assetsName))
			}
		}
	}
	p.ReportRelated(ua.use.Span, e, "the code reads env.ASSETS, but "+configEnvs(w, ua.envs)+" binds no ASSETS: "+
		"env.ASSETS is undefined there and env.ASSETS.fetch throws a TypeError for every request that reaches it; "+advice,
		related, fix)
}
