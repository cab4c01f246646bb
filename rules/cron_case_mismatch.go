package rules

import (
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "cron-case-mismatch",
	Severity: lint.SeverityWarning,
	Requires: []*lint.Analysis{analyses.Entries},
	Doc: lint.Doc{
		Summary: "a configured cron with no case in a scheduled() that dispatches on `controller.cron`, or a case no configured cron matches",
		Why: "`controller.cron` (`event.cron`) is \"the exact cron expression string from your configuration. It must match character-for-character, including spacing\" " +
			"(docs, runtime-apis/handlers/scheduled). A scheduled() that compares it with literal cases (a switch, if chains, a `!==` guard) and does nothing for " +
			"other values turns a cron without a case into a trigger that fires and does nothing, every time (JSONbored/metagraphed#10823: three crons left after " +
			"their handlers were deleted, about 23 no-op runs an hour); a case that no configured cron matches, or matches only in another spelling of the same " +
			"schedule, never runs. Cases may be constants imported from project modules. The first check needs a dispatch that does nothing outside its cases " +
			"(no default branch or statement doing work for every cron); the second needs at least one configured cron among the Workers that run the " +
			"handler (crons set outside the config, in the dashboard or Terraform, are not seen).",
		Bad: `-- wrangler.jsonc --
{
  "name": "jobs",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "triggers": { "crons": ["*/5 * * * *", "0 3 * * *"] }
}
-- src/index.ts --
export default {
  async scheduled(controller: ScheduledController, env: Env) {
    switch (controller.cron) {
      case "*/5 * * * *":
        await poll(env);
        break;
    }
  },
};
`,
		Good: `-- wrangler.jsonc --
{
  "name": "jobs",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "triggers": { "crons": ["*/5 * * * *", "0 3 * * *"] }
}
-- src/index.ts --
export default {
  async scheduled(controller: ScheduledController, env: Env) {
    switch (controller.cron) {
      case "*/5 * * * *":
        await poll(env);
        break;
      case "0 3 * * *":
        await nightly(env);
        break;
    }
  },
};
`,
	},
	Run: runCronCaseMismatch,
})

// cronUse is one dispatch and the deployments whose entries run it.
type cronUse struct {
	sf     *jscode.SourceFacts
	d      *jscode.CronDispatch
	pure   bool
	main   string
	crons  groups // the crons arrays of the deployments, grouped
	anyCfg bool
}

type caseText struct {
	text  string
	span  source.Span
	known bool
}

func runCronCaseMismatch(p *lint.Pass) {
	ix := analyses.EntriesOf(p)
	var order []*cronUse
	uses := map[*jscode.CronDispatch]*cronUse{}
	for _, dep := range deployments(p) {
		en := ix.For(dep.Worker, dep.Env)
		if en == nil || en.Default == nil || en.Default.Kind == analyses.HandlerUnknown {
			continue
		}
		sf, cd, pure := ix.CronDispatchOf(en.Default)
		if cd == nil {
			continue
		}
		u := uses[cd]
		if u == nil {
			u = &cronUse{sf: sf, d: cd, pure: pure, main: en.Main}
			uses[cd] = u
			order = append(order, u)
		}
		u.pure = u.pure && pure
		if n := dep.Env.Get("triggers").Get("crons"); n.IsArray() {
			u.crons.add(dep.Worker, dep.Env, n, en)
			u.anyCfg = u.anyCfg || len(n.Strings()) > 0
		}
	}
	for _, u := range order {
		checkCronUse(p, u)
	}
}

func checkCronUse(p *lint.Pass, u *cronUse) {
	cases, allKnown := resolveCases(p, u)
	where := "the scheduled() of " + p.Project.Rel(u.sf.File.Path)
	nearReported := map[string]bool{}
	if u.d.Exhaustive && !u.d.Partial && u.pure && allKnown && len(cases) > 0 {
		for _, g := range u.crons.order {
			for _, n := range g.node.Strings() {
				if hasCase(cases, n.Str) {
					continue
				}
				msg := "cron " + source.Quote(n.Str) + " of " + g.w.Config.File.Rel + inEnvs(g.w, g.envs) + " has no case in " + where + ", which compares controller.cron with " +
					quoteList(caseList(cases)) + " and does nothing for any other cron"
				var related []lint.Related
				if near, ok := sameSchedule(cases, n.Str); ok {
					nearReported[near.text] = true
					msg += ": case " + source.Quote(near.text) + " is the same schedule written differently, and controller.cron is the configured string character for character, " +
						"so that branch never runs; write both alike"
					if near.span.Valid() {
						related = append(related, lint.Related{Span: near.span, Note: "the case"})
					}
				} else {
					msg += ", so this trigger fires for nothing; remove it, or add its case"
				}
				p.ReportRelated(n.Span, firstEnv(g.envs), msg, related)
			}
		}
	}
	if !u.anyCfg {
		return // crons set elsewhere (dashboard, Terraform): cases cannot be judged
	}
	configured := map[string]bool{}
	var cfgList []string
	var cfgFiles []string
	for _, g := range u.crons.order {
		if !contains(cfgFiles, g.w.Config.File.Rel) {
			cfgFiles = append(cfgFiles, g.w.Config.File.Rel)
		}
		for _, n := range g.node.Strings() {
			if !configured[n.Str] {
				configured[n.Str] = true
				cfgList = append(cfgList, n.Str)
			}
		}
	}
	for _, c := range cases {
		if !c.known || configured[c.text] || nearReported[c.text] || !c.span.Valid() {
			continue
		}
		msg := "case " + source.Quote(c.text) + " of " + where + " matches no cron trigger of " + strings.Join(cfgFiles, ", ") + " (" + quoteList(cfgList) + ")"
		if near := sameScheduleAs(cfgList, c.text); near != "" {
			msg += ": it is the schedule of " + source.Quote(near) + " written differently, and controller.cron is the configured string character for character, so this branch never runs; write both alike"
		} else {
			msg += ": controller.cron is always one of the configured strings, so this branch never runs; add the cron to triggers.crons or remove the case"
		}
		p.Report(c.span, nil, msg)
	}
}

// resolveCases gives each case's text, constants imported from project
// modules filled in; allKnown is false when some case cannot be told.
func resolveCases(p *lint.Pass, u *cronUse) ([]caseText, bool) {
	var out []caseText
	allKnown := true
	lookup := p.Project.ImportLookup(u.sf.File.Path, 0)
	for _, cs := range u.d.Cases {
		var vs []jscode.Value
		for _, v := range cs.Values {
			vs = append(vs, jscode.FillValue(v, lookup, jscode.PieceImport)...)
		}
		if len(vs) != 1 || !vs[0].Known() {
			allKnown = false
			continue
		}
		span := cs.Span
		if !span.Valid() {
			if pc, ok := vs[0].Single(); ok && pc.Exact {
				span = pc.Span // the constant's literal
			}
		}
		out = append(out, caseText{text: vs[0].Text(), span: span, known: true})
	}
	return out, allKnown
}

func hasCase(cases []caseText, s string) bool {
	for _, c := range cases {
		if c.text == s {
			return true
		}
	}
	return false
}

func caseList(cases []caseText) []string {
	var out []string
	for _, c := range cases {
		out = append(out, c.text)
	}
	return out
}

// sameSchedule finds a case that compiles to the same schedule as expr.
func sameSchedule(cases []caseText, expr string) (caseText, bool) {
	for _, c := range cases {
		if sameScheduleAs([]string{c.text}, expr) != "" {
			return c, true
		}
	}
	return caseText{}, false
}

// sameScheduleAs returns the first of list that Cloudflare compiles to
// the schedule of expr, spelled differently ("" when none).
func sameScheduleAs(list []string, expr string) string {
	c, err := wrangler.ParseCron(normalSpace(expr))
	if err != nil {
		return ""
	}
	for _, s := range list {
		if s == expr {
			continue
		}
		if o, err := wrangler.ParseCron(normalSpace(s)); err == nil && *o == *c {
			return s
		}
	}
	return ""
}

// normalSpace separates fields by one space: a case written with other
// spacing is still the same schedule to the reader, though not to
// controller.cron.
func normalSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
