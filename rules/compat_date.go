package rules

import (
	"strings"
	"time"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// The three compatibility_date rules share this file: one value, three
// distinct mistakes.

var strictDate = source.LazyRegexp(`^\d{4}-\d{2}-\d{2}$`)

var _ = register(&lint.Rule{
	ID:       "compat-date-missing",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "the config has no `compatibility_date`",
		Why: "wrangler refuses to deploy a Worker without one: the date pins the runtime behaviour the Worker was written " +
			"against. (Pages projects, with pages_build_output_dir, are not checked.) Configs that only run tests (named as wrangler.configPath by a vitest config, or below a test, tests, e2e or __tests__ folder) are never deployed and are not checked, nor are configs with neither main nor assets (kept for `wrangler d1 migrations` and other resource commands).",
		Bad: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts"
}
-- src/index.ts --
export default {
  async fetch() {
    return new Response("Hello");
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01"
}
-- src/index.ts --
export default {
  async fetch() {
    return new Response("Hello");
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: func(p *lint.Pass) {
		for _, w := range p.Project.Workers {
			root := w.Config.Root
			if w.TestHarness || root.Get("compatibility_date") != nil || root.Get("pages_build_output_dir") != nil {
				continue
			}
			if !deploysCode(w) {
				continue // resource-only config (wrangler d1 migrations): nothing to deploy, no date asked
			}
			span := root.Span
			span.End = span.Start + 1
			p.Report(span, nil, "no compatibility_date: wrangler refuses to deploy; add \"compatibility_date\": "+
				source.Quote(time.Now().UTC().Format("2006-01-02"))+" (today) or the date the code was written against")
		}
	},
})

var _ = register(&lint.Rule{
	ID:       "compat-date-invalid",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "`compatibility_date` is not a strict `YYYY-MM-DD` string naming a real date",
		Why: "wrangler and the runtime reject other forms. Dates pasted from documents often carry en or em dashes " +
			"(2025–10–01), and in wrangler.toml an unquoted date is a TOML date value, not the string wrangler expects. Configs that only run tests (named as wrangler.configPath by a vitest config, or below a test, tests, e2e or __tests__ folder) are never deployed and are not checked.",
		Bad: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025–10–01" // en dashes
}
-- src/index.ts --
export default {
  async fetch() {
    return new Response("Hello");
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01"
}
-- src/index.ts --
export default {
  async fetch() {
    return new Response("Hello");
  },
} satisfies ExportedHandler<Env>;`,
		Fix:       "safe: replace en/em dashes with hyphens, or quote a TOML date",
		FixSafety: lint.FixSafe,
	},
	Run: func(p *lint.Pass) {
		eachCompatDate(p, func(e *wrangler.Env, n *wrangler.Node) {
			if msg, fix := invalidDate(n); msg != "" {
				p.Report(n.Span, e, msg, fix)
			}
		})
	},
})

var _ = register(&lint.Rule{
	ID:       "compat-date-future",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "`compatibility_date` is after today",
		Why: "The runtime only knows dates up to its release: `wrangler dev` fails with a future date, and a deploy pins " +
			"behaviour that does not exist yet. It is usually a typo in the year or month. Configs that only run tests (named as wrangler.configPath by a vitest config, or below a test, tests, e2e or __tests__ folder) are never deployed and are not checked.",
		Bad: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2052-10-01"
}
-- src/index.ts --
export default {
  async fetch() {
    return new Response("Hello");
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01"
}
-- src/index.ts --
export default {
  async fetch() {
    return new Response("Hello");
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: func(p *lint.Pass) {
		today := time.Now().UTC().Format("2006-01-02")
		eachCompatDate(p, func(e *wrangler.Env, n *wrangler.Node) {
			if n.Kind == wrangler.KindString && validDate(n.Str) && n.Str > today {
				p.Report(n.Span, e, "compatibility_date "+source.Quote(n.Str)+inEnv(e)+" is after today ("+today+
					"): wrangler dev fails and the runtime has no such behaviour yet; use today's date or earlier")
			}
		})
	},
})

// eachCompatDate visits every compatibility_date where it is written.
// deploysCode says whether some deployment of w has a main or assets:
// wrangler asks for a date only to deploy code or assets.
func deploysCode(w *project.Worker) bool {
	for _, e := range deployedEnvs(w) {
		if e.Node.Get("main") != nil || e.Node.Get("assets") != nil {
			return true
		}
	}
	return w.Config.Root.Get("main") != nil || w.Config.Root.Get("assets") != nil
}

func eachCompatDate(p *lint.Pass, f func(*wrangler.Env, *wrangler.Node)) {
	eachDeployedEnv(p, func(w *project.Worker, e *wrangler.Env) {
		if n := e.Node.Get("compatibility_date"); n != nil {
			f(e, n)
		}
	})
}

func validDate(s string) bool {
	if !strictDate().MatchString(s) {
		return false
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

var dashes = strings.NewReplacer("\u2013", "-", "\u2014", "-", "\u2012", "-", "\u2212", "-")

func invalidDate(n *wrangler.Node) (string, *lint.Fix) {
	switch {
	case n.Kind == wrangler.KindDate:
		if validDate(n.Str) {
			return "compatibility_date is an unquoted TOML date; wrangler expects the string " + source.Quote(n.Str),
				&lint.Fix{Description: "quote the date", Applicability: lint.Safe, Edits: []source.Edit{{File: n.Span.File, Start: n.Span.Start, End: n.Span.End, New: source.Quote(n.Str)}}}
		}
		return "compatibility_date must be a \"YYYY-MM-DD\" string, not a TOML date-time", nil
	case n.Kind != wrangler.KindString:
		return "compatibility_date must be a \"YYYY-MM-DD\" string, not a " + n.Kind.String(), nil
	case validDate(n.Str) || wrangler.IsPlaceholder(n.Str):
		return "", nil
	}
	msg := "compatibility_date " + source.Quote(n.Str) + " is not a real date in strict YYYY-MM-DD form: wrangler rejects it"
	if fixed := dashes.Replace(n.Str); fixed != n.Str && validDate(fixed) {
		q := n.Span.Text()[:1]
		return msg + "; it has typographic dashes", &lint.Fix{Description: "write " + source.Quote(fixed), Applicability: lint.Safe,
			Edits: []source.Edit{{File: n.Span.File, Start: n.Span.Start, End: n.Span.End, New: q + fixed + q}}}
	}
	return msg, nil
}
