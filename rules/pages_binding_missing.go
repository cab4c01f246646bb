package rules

import (
	"sort"
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "pages-binding-missing",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "a Pages project's functions read `env.X`, which one of its deployments (preview or production) does not bind",
		Why: "A Pages project deploys twice over: `production` (the production branch) and `preview` (every other branch). " +
			"wrangler picks env.production or env.preview when the config has it, else the top level. A named Pages environment " +
			"that exists inherits name, compatibility settings, limits and placement, but no vars and no bindings: each key " +
			"it does not repeat is empty there (workers-utils validation.ts; docs pages/functions/wrangler-configuration). So " +
			"`context.env.X` in functions/ (or in _worker.js, which replaces functions/ when it exists), and in every module they " +
			"import, is undefined in the deployment that lacks X. Reported where another deployment binds X, or where the " +
			"config binds a name that differs from X only in letter case or `-`/`_` (a typo); never merely because X is not " +
			"in the config (it may be a secret set in the dashboard). `env.ASSETS` is Pages' own.",
		Bad: `-- wrangler.toml --
name = "site"
pages_build_output_dir = "./dist"
compatibility_date = "2025-10-01"

[[kv_namespaces]]
binding = "CACHE"
id = "0f2ac74b498b48028cb68387c421e279"

[env.production.vars]
MODE = "production"
-- functions/api/hello.ts --
export const onRequest: PagesFunction<Env> = async (context) => {
  const hit = await context.env.CACHE.get("hello");
  return new Response(hit ?? "hello");
};`,
		Good: `-- wrangler.toml --
name = "site"
pages_build_output_dir = "./dist"
compatibility_date = "2025-10-01"

[[kv_namespaces]]
binding = "CACHE"
id = "0f2ac74b498b48028cb68387c421e279"

[env.production.vars]
MODE = "production"

[[env.production.kv_namespaces]]
binding = "CACHE"
id = "5b1a9c2e0f7d4c3a8e6b9d0c1f2a3b4c"
-- functions/api/hello.ts --
export const onRequest: PagesFunction<Env> = async (context) => {
  const hit = await context.env.CACHE.get("hello");
  return new Response(hit ?? "hello");
};`,
	},
	Run: func(p *lint.Pass) {
		for _, w := range p.Project.Workers {
			if pc := p.Project.PagesCode(w); pc != nil && !w.TestHarness {
				checkPagesBindings(p, w, pc)
			}
		}
	},
})

// pagesDeployment is one of a Pages project's two deployments and the
// config section it uses.
type pagesDeployment struct {
	name string // "preview" or "production"
	env  *wrangler.Env
}

func (d pagesDeployment) label() string {
	if d.env.IsTop() {
		return "the top level (which " + d.name + " deployments use: there is no env." + d.name + ")"
	}
	return d.env.Label()
}

func pagesDeployments(c *wrangler.Config) []pagesDeployment {
	out := []pagesDeployment{{"preview", c.Top()}, {"production", c.Top()}}
	for _, e := range c.Envs[1:] {
		for i := range out {
			if e.Name == out[i].name {
				out[i].env = e
			}
		}
	}
	return out
}

// envRead is the places the code reads one name.
type envRead struct {
	name  string
	spans []source.Span
}

func pagesReads(pr *project.Project, pc *project.PagesCode) []*envRead {
	byName := map[string]*envRead{}
	for _, path := range pc.Files {
		sf := pr.Facts(path)
		if sf == nil {
			continue
		}
		for _, u := range sf.EnvUses {
			if u.Name == "ASSETS" {
				continue
			}
			if byName[u.Name] == nil {
				byName[u.Name] = &envRead{name: u.Name}
			}
			byName[u.Name].spans = append(byName[u.Name].spans, u.Span)
		}
	}
	var out []*envRead
	for _, name := range source.SortedKeys(byName) {
		out = append(out, byName[name])
	}
	return out
}

func checkPagesBindings(p *lint.Pass, w *project.Worker, pc *project.PagesCode) {
	deps := pagesDeployments(w.Config)
	sections := []*wrangler.Env{w.Config.Top()}
	for _, d := range deps {
		if !d.env.IsTop() {
			sections = append(sections, d.env)
		}
	}
	bound := map[*wrangler.Env]map[string]wrangler.Binding{}
	for _, e := range sections {
		bound[e] = map[string]wrangler.Binding{}
		for _, b := range e.Bindings() {
			if _, seen := bound[e][b.Name]; !seen {
				bound[e][b.Name] = b
			}
		}
	}
	// Evidence that X belongs to the deployments comes from a section that
	// deploys: the top level only when a deployment falls back to it (with
	// env.preview and env.production both written, it serves `pages dev`
	// alone, and a name bound only there may well be local-only).
	var deploying []*wrangler.Env
	for _, d := range deps {
		if !containsEnv(deploying, d.env) {
			deploying = append(deploying, d.env)
		}
	}
	for _, r := range pagesReads(p.Project, pc) {
		var where *wrangler.Binding
		for _, e := range deploying {
			if b, ok := bound[e][r.name]; ok {
				where = &b
				break
			}
		}
		if where != nil {
			var missing []pagesDeployment
			for _, d := range deps {
				if _, ok := bound[d.env][r.name]; !ok && !containsDeployment(missing, d) {
					missing = append(missing, d)
				}
			}
			if len(missing) > 0 {
				reportPagesMissing(p, w, pc, r, *where, missing)
			}
			continue
		}
		if near, at := pagesNearMiss(r.name, sections, bound); near != "" {
			reportPagesTypo(p, pagesWho(p.Project, pc), r, near, at)
		}
	}
}

func containsDeployment(ds []pagesDeployment, d pagesDeployment) bool {
	for _, x := range ds {
		if x.env == d.env {
			return true
		}
	}
	return false
}

// pagesWho names the code in messages, with its verb.
func pagesWho(pr *project.Project, pc *project.PagesCode) string {
	if pc.WorkerJS != "" {
		return pr.Rel(pc.WorkerJS) + " (Pages' advanced mode) reads"
	}
	return "the Pages functions read"
}

func reportPagesMissing(p *lint.Pass, w *project.Worker, pc *project.PagesCode, r *envRead, have wrangler.Binding, missing []pagesDeployment) {
	var labels, names []string
	related := []lint.Related{{Span: have.Span(), Note: source.Quote(r.name) + " is bound here (" + have.Kind + ")"}}
	for _, d := range missing {
		labels = append(labels, d.label())
		names = append(names, d.name)
		if d.env.IsTop() {
			related = append(related, lint.Related{Span: w.Config.Root.Member("pages_build_output_dir").KeySpan, Note: "the top level, used by " + d.name + " deployments"})
		} else {
			related = append(related, lint.Related{Span: w.Config.Root.Get("env").Member(d.env.Name).KeySpan, Note: d.env.Label() + " has no " + source.Quote(r.name)})
		}
	}
	related = append(related, moreReads(r)...)
	sort.Strings(names)
	verb := " does not bind"
	if len(labels) > 1 {
		verb = " do not bind"
	}
	why := ""
	if have.Node != nil && topLevelBinding(w.Config, have) {
		why = " (a named Pages environment takes no vars or bindings from the top level)"
	}
	p.ReportRelated(r.spans[0], nil, pagesWho(p.Project, pc)+" env."+r.name+", which "+strings.Join(labels, " and ")+verb+
		why+": env."+r.name+" is undefined in "+
		strings.Join(names, " and ")+" deployments; add "+source.Quote(r.name)+" ("+have.Kind+") there", related)
}

func reportPagesTypo(p *lint.Pass, who string, r *envRead, near string, at wrangler.Binding) {
	related := append([]lint.Related{{Span: at.Span(), Note: "the config binds " + source.Quote(near)}}, moreReads(r)...)
	p.ReportRelated(r.spans[0], nil, who+" env."+r.name+", which no deployment binds, but the config binds "+
		source.Quote(near)+" ("+at.Kind+"): names are case-sensitive, so env."+r.name+" is undefined; read env."+near, related)
}

// moreReads lists the other places the name is read.
func moreReads(r *envRead) []lint.Related {
	var out []lint.Related
	for _, s := range r.spans[1:] {
		if len(out) == 8 {
			break
		}
		out = append(out, lint.Related{Span: s, Note: "env." + r.name + " is read here too"})
	}
	return out
}

// pagesNearMiss finds a bound name that differs from name only in letter
// case or - and _.
func pagesNearMiss(name string, sections []*wrangler.Env, bound map[*wrangler.Env]map[string]wrangler.Binding) (string, wrangler.Binding) {
	fold := func(s string) string { return strings.ToLower(strings.NewReplacer("-", "", "_", "").Replace(s)) }
	for _, e := range sections {
		for _, b := range sortedBindings(bound[e]) {
			if b.Name != name && fold(b.Name) == fold(name) {
				return b.Name, b
			}
		}
	}
	return "", wrangler.Binding{}
}

func sortedBindings(m map[string]wrangler.Binding) []wrangler.Binding {
	var out []wrangler.Binding
	for _, k := range source.SortedKeys(m) {
		out = append(out, m[k])
	}
	return out
}

// topLevelBinding: the binding is written in the top level's section.
func topLevelBinding(c *wrangler.Config, b wrangler.Binding) bool {
	for _, x := range c.Top().Bindings() {
		if x.Node == b.Node {
			return true
		}
	}
	return false
}
