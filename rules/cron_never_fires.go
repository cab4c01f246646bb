package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "cron-never-fires",
	Severity: lint.SeverityWarning,
	Doc: lint.Doc{
		Summary: "a cron expression that is valid but matches no day of any year (`0 0 31 2 *`)",
		Why: "Cloudflare's parser (cloudflare/saffron) accepts a day of month that the chosen months never have, such as the 30th of February or the 31st of " +
			"November; whether the API refuses such a schedule is not documented, and if it is accepted the trigger never runs. The check is exact: a day-of-month, " +
			"month and day-of-week combination is tried for every month length and weekday of the 1st, as Cloudflare schedules it (when both day fields are " +
			"restricted, a day matching either fires).",
		Bad: `-- wrangler.jsonc --
{
  "name": "report",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "triggers": { "crons": ["0 6 31 11 *"] }
}
-- src/index.ts --
export default {
  async scheduled(controller: ScheduledController, env: Env) {}
};
`,
		Good: `-- wrangler.jsonc --
{
  "name": "report",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "triggers": { "crons": ["0 6 30 11 *"] }
}
-- src/index.ts --
export default {
  async scheduled(controller: ScheduledController, env: Env) {}
};
`,
	},
	Run: runCronNeverFires,
})

func runCronNeverFires(p *lint.Pass) {
	for _, cl := range cronLists(p) {
		for _, n := range cl.crons {
			c, err := wrangler.ParseCron(n.Str)
			if err != nil || !c.NeverFires() {
				continue
			}
			p.Report(n.Span, firstEnv(cl.envs), "cron "+source.Quote(n.Str)+" of "+cl.w.Config.File.Rel+inEnvs(cl.w, cl.envs)+
				" never fires: no month it names has that day, so the trigger never runs; fix the day of month or the month")
		}
	}
}
