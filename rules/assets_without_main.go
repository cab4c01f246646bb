package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "assets-without-main",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "`assets.run_worker_first` or `assets.binding` is set on an assets-only Worker (no `main`)",
		Why: "Both need Worker code. wrangler refuses the deploy: \"Cannot set run_worker_first without a Worker script. " +
			"Please remove run_worker_first from your configuration file, or provide a Worker script in your configuration " +
			"file (`main`).\" and \"Cannot use assets with a binding in an assets-only Worker.\" (wrangler assets.ts; " +
			"run_worker_first exists since wrangler 3.107.0, as an array of patterns since 4.20.0). `run_worker_first: " +
			"false` asks for nothing and is not reported. Pages projects and configs built by @cloudflare/vite-plugin " +
			"(which writes main into its own deploy config) are not checked.",
		Bad: `-- wrangler.jsonc --
{
  "name": "docs",
  "compatibility_date": "2025-10-01",
  "assets": {
    "directory": "dist",
    "not_found_handling": "single-page-application",
    "run_worker_first": ["/api/*"] // no main: nothing to run
  }
}
-- dist/index.html --
<!doctype html><title>docs</title>`,
		Good: `-- wrangler.jsonc --
{
  "name": "docs",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "assets": {
    "directory": "dist",
    "not_found_handling": "single-page-application",
    "run_worker_first": ["/api/*"]
  }
}
-- src/index.ts --
export default {
  async fetch() {
    return Response.json({ ok: true });
  },
} satisfies ExportedHandler<Env>;
-- dist/index.html --
<!doctype html><title>docs</title>`,
	},
	Run: func(p *lint.Pass) {
		for _, w := range p.Project.Workers {
			if isPages(w) || p.Project.UsesVitePlugin(w) {
				continue
			}
			for _, e := range w.Config.Envs {
				if main, _ := e.Main(); main != "" {
					continue
				}
				assets := e.Get("assets")
				if !assets.IsObject() || !(e.IsTop() || e.Own("assets") != nil || e.Own("main") != nil) {
					continue // reported where the assets are written
				}
				checkAssetsWithoutMain(p, e, assets)
			}
		}
	},
})

func checkAssetsWithoutMain(p *lint.Pass, e *wrangler.Env, assets *wrangler.Node) {
	if rwf := assets.Get("run_worker_first"); rwf != nil && !(rwf.Kind == wrangler.KindBool && !rwf.Bool) && !(rwf.IsArray() && len(rwf.Items) == 0) {
		p.Report(rwf.Span, e, "assets.run_worker_first"+inEnv(e)+" is set but the config has no main: wrangler refuses the deploy "+
			"(\"Cannot set run_worker_first without a Worker script\"); add the Worker's main, or remove run_worker_first", nil)
	}
	if b := assets.Get("binding"); b != nil {
		p.Report(b.Span, e, "assets.binding "+source.Quote(b.Str)+inEnv(e)+" is set but the config has no main: wrangler refuses "+
			"the deploy (\"Cannot use assets with a binding in an assets-only Worker\"); add the Worker's main, or remove the binding", nil)
	}
}
