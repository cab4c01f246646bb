package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "duplicate-cron",
	Severity: lint.SeverityWarning,
	Doc: lint.Doc{
		Summary: "two entries of one `triggers.crons` array fire at exactly the same minutes",
		Why: "Cloudflare compares schedules, not text: `0 0 * * MON` and `0-0 0 * * 2` are the same trigger. Its own validator (cloudflare/saffron's saffron-worker, " +
			"behind the dashboard) refuses \"effective duplicates\" (\"Expression '...' already exists in the form of '...'\"); what the API does with them through wrangler " +
			"is not documented, and at best the second entry adds nothing (a scheduled() that dispatches on controller.cron sees either string). " +
			"The comparison is of the compiled schedules, as saffron compiles them.",
		Bad: `-- wrangler.jsonc --
{
  "name": "ticker",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "triggers": { "crons": ["*/15 * * * *", "0,15,30,45 * * * *"] }
}
-- src/index.ts --
export default {
  async scheduled(controller: ScheduledController, env: Env) {}
};
`,
		Good: `-- wrangler.jsonc --
{
  "name": "ticker",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "triggers": { "crons": ["*/15 * * * *", "5 * * * *"] }
}
-- src/index.ts --
export default {
  async scheduled(controller: ScheduledController, env: Env) {}
};
`,
	},
	Run: runDuplicateCron,
})

func runDuplicateCron(p *lint.Pass) {
	for _, cl := range cronLists(p) {
		seen := map[wrangler.Cron]*wrangler.Node{}
		for _, n := range cl.crons {
			c, err := wrangler.ParseCron(n.Str)
			if err != nil {
				continue
			}
			first, dup := seen[*c]
			if !dup {
				seen[*c] = n
				continue
			}
			what := "repeats " + source.Quote(first.Str)
			if first.Str != n.Str {
				what = "fires exactly when " + source.Quote(first.Str) + " does (both are " + source.Quote(c.String()) + ")"
			}
			p.ReportRelated(n.Span, firstEnv(cl.envs), "cron "+source.Quote(n.Str)+" of "+cl.w.Config.File.Rel+inEnvs(cl.w, cl.envs)+" "+what+
				": Cloudflare's validator refuses effective duplicates, and the entry adds no run; remove one of them",
				[]lint.Related{{Span: first.Span, Note: "the first entry with this schedule"}})
		}
	}
}
