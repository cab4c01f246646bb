package rules

import (
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "process-env-unpopulated",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "the Worker reads `process.env.X`, but its compatibility date and flags leave process.env empty",
		Why: "workerd copies vars and secrets into process.env only when populateProcessEnv is on (workerd " +
			"compatibility-date.capnp): with nodejs_compat and a compatibility_date on or after 2025-04-01, or with the flag " +
			"nodejs_compat_populate_process_env together with nodejs_compat; nodejs_compat_do_not_populate_process_env turns " +
			"it off, and nodejs_compat_v2 alone does not imply it. From 2026-08-04 nodejs_compat itself is on by date. " +
			"Otherwise process.env.X is undefined whatever the dashboard, `wrangler secret put` or vars say (and without " +
			"nodejs_compat there is no process at all), so the code silently takes its fallback: PostHog/mcp shipped " +
			"`process.env.POSTHOG_BASE_URL` with 2025-03-10 and the value never arrived. Not reported: NODE_ENV and names in " +
			"`define` (replaced at build time), names the same code also reads from env (code written for Node.js and " +
			"Workers alike), variables that CI systems and test runners set (CI, GITHUB_ACTIONS, VITEST, ...) unless the config " +
			"declares them (code reads those to detect where it runs; no Worker sets them), and Workers whose code writes " +
			"process.env itself, and reads in a function a shared package (outside the Worker's folder) exports under names no module of the Worker imports.",
		Bad: `-- wrangler.jsonc --
{
  "name": "mcp",
  "main": "src/index.ts",
  "compatibility_date": "2025-03-10",
  "compatibility_flags": ["nodejs_compat"],
  "vars": { "BASE_URL": "https://eu.example.com" }
}
-- src/index.ts --
const base = process.env.BASE_URL || "https://us.example.com"; // always the fallback

export default {
  async fetch() {
    return fetch(base + "/status");
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "mcp",
  "main": "src/index.ts",
  "compatibility_date": "2025-04-01",
  "compatibility_flags": ["nodejs_compat"],
  "vars": { "BASE_URL": "https://eu.example.com" }
}
-- src/index.ts --
const base = process.env.BASE_URL || "https://us.example.com";

export default {
  async fetch() {
    return fetch(base + "/status");
  },
} satisfies ExportedHandler<Env>;`,
		Fix:       "unsafe: with nodejs_compat set and a date before 2025-04-01, add \"nodejs_compat_populate_process_env\" to compatibility_flags",
		FixSafety: lint.FixUnsafe,
	},
	Run: runProcessEnvUnpopulated,
})

type unpopulatedRead struct {
	read jscode.ProcessEnvRead
	envs []*wrangler.Env
}

func runProcessEnvUnpopulated(p *lint.Pass) {
	for _, w := range p.Project.Workers {
		found := map[string]*unpopulatedRead{}
		var order []string
		for _, e := range deployedEnvs(w) {
			c := compatOf(e)
			if c.date == "" || c.processEnvPopulated() {
				continue
			}
			for _, r := range unpopulatedReads(p.Project, w, e) {
				key := r.Span.String()
				if found[key] == nil {
					found[key] = &unpopulatedRead{read: r}
					order = append(order, key)
				}
				found[key].envs = append(found[key].envs, e)
			}
		}
		for _, key := range order {
			reportUnpopulated(p, w, found[key])
		}
	}
}

// unpopulatedReads lists the process.env reads of an environment's module
// graph whose value only the runtime could supply.
func unpopulatedReads(pr *project.Project, w *project.Worker, e *wrangler.Env) []jscode.ProcessEnvRead {
	facts := graphFacts(pr, w, e)
	fromEnv := map[string]bool{}
	for _, sf := range facts {
		if sf.ProcessEnvWritten {
			return nil // the code fills process.env itself
		}
		for _, u := range bindingReads(sf) {
			fromEnv[u.Name] = true
		}
	}
	defined := map[string]bool{"NODE_ENV": true}
	if d := e.Get("define"); d.IsObject() {
		for _, m := range d.Members {
			defined[strings.TrimPrefix(m.Key, "process.env.")] = true
		}
	}
	imported := importedNames(facts)
	var out []jscode.ProcessEnvRead
	for _, sf := range facts {
		if project.IsTestFile(sf.File.Path) {
			continue
		}
		for _, r := range sf.ProcessEnvReads {
			if !source.Within(w.Config.Dir, sf.File.Path) && neverImported(r.Exported, imported) {
				continue // a shared package's export this Worker never takes: the read never runs here
			}
			if ambientNames[r.Name] && !declaresVar(w, r.Name) {
				continue // set by CI or a tool, never by the Worker: undefined either way
			}
			if !defined[r.Name] && !fromEnv[r.Name] {
				out = append(out, r)
			}
		}
	}
	return out
}

// ambientNames are variables CI systems and test runners set in a Node.js
// process; code reads them to detect where it runs, and no Worker config
// supplies them (cloudflare/ai's process.env.CI in shared code).
var ambientNames = map[string]bool{"CI": true, "GITHUB_ACTIONS": true, "GITLAB_CI": true, "BUILDKITE": true, "CIRCLECI": true,
	"TRAVIS": true, "VITEST": true, "VITEST_WORKER_ID": true, "JEST_WORKER_ID": true, "VERCEL": true, "NETLIFY": true,
	"NODE_DEBUG": true, "TERM": true, "FORCE_COLOR": true, "NO_COLOR": true, "HOME": true, "PATH": true, "PWD": true, "TMPDIR": true}

// declaresVar: some environment of the Worker has a var or a required
// secret of that name.
func declaresVar(w *project.Worker, name string) bool {
	for _, e := range w.Config.Envs {
		if e.Get("vars").Get(name) != nil {
			return true
		}
		for _, s := range e.Get("secrets").Get("required").Strings() {
			if s.Str == name {
				return true
			}
		}
	}
	return false
}

func reportUnpopulated(p *lint.Pass, w *project.Worker, ur *unpopulatedRead) {
	e := ur.envs[0]
	c := compatOf(e)
	dateNode := e.Get("compatibility_date")
	var why, advice string
	var fix *lint.Fix
	switch {
	case !c.nodejsCompat() && (c.flags["nodejs_compat_v2"] || c.flags["experimental:nodejs_compat_v2"]):
		why = "compatibility_flags have \"nodejs_compat_v2\" but not \"nodejs_compat\", and only nodejs_compat turns populating on"
		advice = "use \"nodejs_compat\" instead"
	case !c.nodejsCompat():
		why = "compatibility_flags lack \"nodejs_compat\" (and compatibility_date " + source.Quote(c.date) +
			" is before 2026-08-04, when it becomes the default), so there is no process.env to read"
		advice = "add \"nodejs_compat\""
		if c.date < "2025-04-01" {
			advice += " and \"nodejs_compat_populate_process_env\""
		}
	case c.flags["nodejs_compat_do_not_populate_process_env"]:
		why = "compatibility_flags set \"nodejs_compat_do_not_populate_process_env\""
		advice = "remove that flag"
	default:
		why = "compatibility_date " + source.Quote(c.date) + " is before 2025-04-01 and compatibility_flags lack " +
			"\"nodejs_compat_populate_process_env\", so workerd does not copy vars and secrets into process.env"
		advice = "add \"nodejs_compat_populate_process_env\" (or move compatibility_date to 2025-04-01 or later)"
		if c.node.IsArray() && len(ur.envs) == len(deployedEnvs(w)) && declares(e, "compatibility_flags") && sameFlags(w, ur.envs) {
			fix = &lint.Fix{Description: "add \"nodejs_compat_populate_process_env\" to compatibility_flags", Applicability: lint.Unsafe,
				Edits: wrangler.AppendItem(c.node, wrangler.JSONString("nodejs_compat_populate_process_env"))}
		}
	}
	var related []lint.Related
	if dateNode != nil {
		related = append(related, lint.Related{Span: dateNode.Span, Note: "compatibility_date of " + deploymentName(w, e)})
	}
	bound := ""
	if b, ok := boundNames(e)[ur.read.Name]; ok {
		bound = " (" + w.Config.File.Rel + " defines it in " + b.Kind + ")"
		related = append(related, lint.Related{Span: b.Span(), Note: b.Kind + " " + source.Quote(b.Name)})
	}
	p.ReportRelated(ur.read.Span, e, "process.env."+ur.read.Name+bound+" is always undefined in "+configEnvs(w, ur.envs)+": "+why+
		"; read it from the handler's env (or import { env } from \"cloudflare:workers\"), or "+advice, related, fix)
}

// sameFlags: every listed environment reads the same compatibility_flags
// node (one edit serves them all).
func sameFlags(w *project.Worker, envs []*wrangler.Env) bool {
	first := envs[0].Get("compatibility_flags")
	for _, e := range envs[1:] {
		if e.Get("compatibility_flags") != first {
			return false
		}
	}
	return true
}

// importedNames are the names the modules take from others by static
// import ("*" for a namespace import).
func importedNames(facts []*jscode.SourceFacts) map[string]bool {
	out := map[string]bool{}
	for _, sf := range facts {
		for _, im := range sf.Imports {
			for _, n := range im.Names {
				out[n] = true
			}
		}
	}
	return out
}

// neverImported: the read is inside a function its module exports, under
// names no module of the Worker imports (nor takes whole as a namespace).
func neverImported(exported []string, imported map[string]bool) bool {
	if len(exported) == 0 || imported["*"] {
		return false
	}
	for _, n := range exported {
		if imported[n] {
			return false
		}
	}
	return true
}
