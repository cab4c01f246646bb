package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "invalid-cron",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "a `triggers.crons` expression that Cloudflare's cron parser rejects",
		Why: "wrangler only checks that `crons` is an array; the Cloudflare API parses each expression with cloudflare/saffron and refuses the deploy's triggers with " +
			"\"invalid cron string [code: 10100]\" (workers-sdk#8923, #8674), after the new script is already uploaded. Cloudflare's syntax is not Unix cron's: exactly 5 fields " +
			"(no seconds, no year, no `@daily`), day-of-week 1-7 with 1 = Sunday (0 is out of range), names of three letters, `L`, `W` and `#` only alone in their field, " +
			"steps from 1 to the field's span, no `?`. Every environment's crons are checked; an inherited array is reported once, where it is written. " +
			"The finding points at the offending part of the expression.",
		Bad: `-- wrangler.jsonc --
{
  "name": "nightly",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "triggers": { "crons": ["0 22 * * 0"] }
}
-- src/index.ts --
export default {
  async scheduled(controller: ScheduledController, env: Env) {}
};
`,
		Good: `-- wrangler.jsonc --
{
  "name": "nightly",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "triggers": { "crons": ["0 22 * * SUN"] }
}
-- src/index.ts --
export default {
  async scheduled(controller: ScheduledController, env: Env) {}
};
`,
		Fix:       "unsafe: a day-of-week field written in Unix numbering (it uses 0) is rewritten with names, keeping the Unix meaning (0 and 7 = SUN, 1 = MON)",
		FixSafety: lint.FixUnsafe,
	},
	Run: runInvalidCron,
})

func runInvalidCron(p *lint.Pass) {
	for _, cl := range cronLists(p) {
		for _, n := range cl.crons {
			_, err := wrangler.ParseCron(n.Str)
			if err == nil {
				continue
			}
			msg := "cron " + source.Quote(n.Str) + " of " + cl.w.Config.File.Rel + inEnvs(cl.w, cl.envs) + " is not valid on Cloudflare: " + err.Msg +
				"; the deploy's triggers fail (\"invalid cron string\", code 10100)"
			p.Report(wrangler.CronSpan(n, err.Offset, err.End), firstEnv(cl.envs), msg, unixWeekdayFix(n))
		}
	}
}

// unixWeekdayFix rewrites a day-of-week field that uses 0 (Unix's
// Sunday, out of range on Cloudflare) with names in the Unix reading.
func unixWeekdayFix(n *wrangler.Node) *lint.Fix {
	start, end, ok := wrangler.WeekdayField(n.Str)
	if !ok {
		return nil
	}
	field := n.Str[start:end]
	if !wrangler.NumericWeekdays(field) || !containsZero(field) {
		return nil
	}
	names, ok := wrangler.WeekdayNames(field, true)
	if !ok {
		return nil
	}
	span := wrangler.CronSpan(n, start, end)
	if span.End-span.Start != end-start {
		return nil // an escaped literal: not edited in place
	}
	return &lint.Fix{Description: "write day-of-week " + source.Quote(field) + " as " + source.Quote(names) + " (Unix numbering: 0 = Sunday)",
		Applicability: lint.Unsafe, Edits: []source.Edit{{File: span.File, Start: span.Start, End: span.End, New: names}}}
}

// containsZero: the field names day 0 (not 10, 20, ...: day-of-week has
// no such values, but a malformed field might).
func containsZero(field string) bool {
	for i := 0; i < len(field); i++ {
		if field[i] == '0' && (i == 0 || field[i-1] < '0' || field[i-1] > '9') && (i+1 == len(field) || field[i+1] < '0' || field[i+1] > '9') {
			return true
		}
	}
	return false
}
