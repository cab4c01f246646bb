package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "cron-weekday-numbering",
	Severity: lint.SeverityWarning,
	Doc: lint.Doc{
		Summary: "a day-of-week written in numbers, which Cloudflare counts from 1 = Sunday and Unix cron from 1 = Monday",
		Why: "Cloudflare's cron parser (cloudflare/saffron, parse.rs) numbers days 1 = Sunday to 7 = Saturday, as Quartz does; Unix cron (and most cron references) uses " +
			"0 = Sunday, 1 = Monday. `0 9 * * 1-5`, written for Monday to Friday, runs Sunday to Thursday on Cloudflare, and `0 4 * * 1` runs on Sundays; nothing fails, " +
			"the job just runs on the wrong days. saffron#19 reports the difference; the Cloudflare docs added a note on it after workers-sdk#8674; a public config " +
			"schedules market-hours jobs with `13-23 * * 1-5` and `0-3 * * 2-6`. Names (`MON-FRI`) mean the same everywhere. The finding says what the field means on " +
			"Cloudflare and in Unix cron; the alternatives write either with names (neither is applied: which one was meant is the author's call).",
		Bad: `-- wrangler.jsonc --
{
  "name": "weekday-report",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "triggers": { "crons": ["0 9 * * 1-5"] }
}
-- src/index.ts --
export default {
  async scheduled(controller: ScheduledController, env: Env) {}
};
`,
		Good: `-- wrangler.jsonc --
{
  "name": "weekday-report",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "triggers": { "crons": ["0 9 * * MON-FRI"] }
}
-- src/index.ts --
export default {
  async scheduled(controller: ScheduledController, env: Env) {}
};
`,
	},
	Run: runCronWeekdayNumbering,
})

func runCronWeekdayNumbering(p *lint.Pass) {
	for _, cl := range cronLists(p) {
		for _, n := range cl.crons {
			if _, err := wrangler.ParseCron(n.Str); err != nil {
				continue // invalid-cron's
			}
			start, end, ok := wrangler.WeekdayField(n.Str)
			if !ok || !wrangler.NumericWeekdays(n.Str[start:end]) {
				continue
			}
			field := n.Str[start:end]
			cf, ok1 := wrangler.WeekdayNames(field, false)
			unix, ok2 := wrangler.WeekdayNames(field, true)
			if !ok1 || !ok2 || sameWeekdays(cf, unix) {
				continue // both readings are the same days (*/2)
			}
			span := wrangler.CronSpan(n, start, end)
			var fixes []*lint.Fix
			if span.End-span.Start == end-start {
				for _, alt := range []struct{ names, why string }{{cf, "what Cloudflare runs now"}, {unix, "the Unix reading"}} {
					fixes = append(fixes, &lint.Fix{Description: "write " + source.Quote(alt.names) + " (" + alt.why + ")", Applicability: lint.DisplayOnly,
						Edits: []source.Edit{{File: span.File, Start: span.Start, End: span.End, New: alt.names}}})
				}
			}
			p.Report(span, firstEnv(cl.envs), "day-of-week "+source.Quote(field)+" of cron "+source.Quote(n.Str)+" in "+cl.w.Config.File.Rel+inEnvs(cl.w, cl.envs)+
				" means "+cf+" on Cloudflare, which counts 1 = Sunday; in Unix cron it would mean "+unix+": write the days by name ("+cf+", or "+unix+" if that was meant)", fixes...)
		}
	}
}

// sameWeekdays reports whether two day-of-week fields (names) pick the
// same days.
func sameWeekdays(a, b string) bool {
	ca, err1 := wrangler.ParseCron("0 0 * * " + a)
	cb, err2 := wrangler.ParseCron("0 0 * * " + b)
	return err1 == nil && err2 == nil && ca.Weekdays == cb.Weekdays && ca.Weekday == cb.Weekday
}
