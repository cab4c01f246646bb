package rules

import (
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "env-read-unbound",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "the Worker's code reads `env.X` where an environment that deploys it binds no X, while another environment binds it (or binds a near-miss name)",
		Why: "Bindings and vars are not inherited by `env.<name>`: each environment deploys exactly what it lists, and env.X " +
			"is undefined in one that does not (a binding's method then throws a TypeError; a var silently reads as " +
			"undefined). Reads are found in every module of the environment's `main` graph (env.X, this.env.X, c.env.X, " +
			"env[\"X\"], destructuring), every binding kind counts (vars and secrets.required too). A name the code tests " +
			"before it uses it (`env.X ?? fallback`, `if (env.X)`, `env.X?.get()`, a const holding it tested, a project function that " +
			"tests the parameter it is passed to) is optional to the code and not reported, unless the environment renamed it: its only " +
			"binding of that kind is one no code reads, and X is the only read of that kind it lacks (DB_STAGING for DB), nor is an omission the config's comments explain (a comment naming the binding, or written " +
			"at its entry, that says it is optional, left out or unbound; or a comment on the environment saying it has no bindings of that kind, " +
			"such as \"Vectorize is intentionally omitted\"). Configs that deploy the same main (wrangler.jsonc and a wrangler.staging.jsonc passed with -c) are one program deployed twice: a name one binds and the other binds in no environment is reported the same way. Reported at the read and at each environment (or config) that lacks the name, so the config shows it too. A name no environment binds is not reported (it may be a secret set with `wrangler secret put`), nor a var that may be a secret in " +
			"the environment that lacks it (listed in secrets.required, named like a credential, or a placeholder value); " +
			"env-missing-binding warns about the same drift where the code does not read the name. A Worker whose bindings an Alchemy program (alchemy.run.ts in its folder or above) also declares is not judged by what its config lacks.",
		Fix:       "safe: a Durable Object binding of the top level without script_name is copied into the one environment that lacks it",
		FixSafety: lint.FixSafe,
		Bad: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "kv_namespaces": [{ "binding": "CACHE", "id": "0f2ac74b498b48028cb68387c421e279" }],
  "env": {
    "production": {
      "vars": { "MODE": "production" } // no CACHE here
    }
  }
}
-- src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    const hit = await env.CACHE.get(new URL(request.url).pathname);
    return new Response(hit ?? "miss");
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "kv_namespaces": [{ "binding": "CACHE", "id": "0f2ac74b498b48028cb68387c421e279" }],
  "env": {
    "production": {
      "vars": { "MODE": "production" },
      "kv_namespaces": [{ "binding": "CACHE", "id": "7d5e1f0b9a3c4e2d8f6a0b1c2d3e4f5a" }]
    }
  }
}
-- src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    const hit = await env.CACHE.get(new URL(request.url).pathname);
    return new Response(hit ?? "miss");
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: runEnvReadUnbound,
})

func runEnvReadUnbound(p *lint.Pass) {
	runTwinConfigs(p)
	for _, w := range readers(p.Project) {
		envs := deployedEnvs(w)
		if len(envs) > 1 && len(envs[0].Bindings()) == 0 {
			// a top level that binds nothing while its environments bind is
			// their base, not a deployment of its own
			envs = envs[1:]
		}
		reads := make([]map[string][]jscode.EnvUse, len(envs))
		bound := make([]map[string]wrangler.Binding, len(envs))
		names := map[string]bool{}
		for i, e := range envs {
			reads[i], bound[i] = envReads(p.Project, w, e), boundNames(e)
			for n := range reads[i] {
				names[n] = true
			}
		}
		for _, name := range source.SortedKeys(names) {
			var missing []*wrangler.Env
			var uses []jscode.EnvUse
			var boundIn []*wrangler.Env
			var binding wrangler.Binding
			secretOK := true
			for i, e := range envs {
				b, ok := bound[i][name]
				switch {
				case ok:
					if len(boundIn) == 0 {
						binding = b
					}
					boundIn = append(boundIn, e)
					secretOK = secretOK && maySecret(w, b)
				case len(reads[i][name]) > 0:
					missing = append(missing, e)
					uses = append(uses, reads[i][name]...)
				}
			}
			if len(boundIn) > 0 {
				missing = undocumented(missing, binding)
			}
			if len(missing) == 0 {
				continue
			}
			uses = uniqueUses(uses)
			switch {
			case len(boundIn) > 0 && !secretOK && !guardedRead(reads, name, true):
				// (a name the code tests first is optional to it)
				reportEnvReadUnbound(p, w, name, uses, missing, boundIn, binding)
			case len(boundIn) > 0 && !secretOK:
				// tested, but renamed in an environment: the feature is off there by mistake
				reportEnvReadRenamed(p, w, name, uses, missing, envs, bound, reads, binding)
			case len(boundIn) == 0:
				reportEnvReadNearMiss(p, w, name, uses, missing, envs, bound, reads)
			}
		}
	}
}

// reportEnvReadRenamed reports a name the code tests before use that an
// environment binds under another name: the environment's only binding
// of that kind the code never reads, while the name is its only read of
// that kind it lacks. Optional or not, the binding was renamed there.
func reportEnvReadRenamed(p *lint.Pass, w *project.Worker, name string, uses []jscode.EnvUse, missing, envs []*wrangler.Env,
	bound []map[string]wrangler.Binding, reads []map[string][]jscode.EnvUse, b wrangler.Binding) {
	if b.Kind == "vars" || b.Kind == "secrets" {
		return // a var left out is a default, not a rename
	}
	index := map[*wrangler.Env]int{}
	for i, e := range envs {
		index[e] = i
	}
	for _, e := range missing {
		orphan, ok := renamedBinding(index[e], name, b.Kind, bound, reads)
		if !ok {
			continue
		}
		effect := "the code that tests it skips its work in silence"
		if i := slices.IndexFunc(uses, func(u jscode.EnvUse) bool { return !u.Guarded && !u.Compared }); i > 0 {
			uses[0], uses[i] = uses[i], uses[0] // the read that throws first
		}
		if !uses[0].Guarded && !uses[0].Compared {
			effect = "using it throws a TypeError"
		}
		related := append([]lint.Related{{Span: orphan.Span(), Note: describeBinding(orphan) + ", which the code never reads"},
			{Span: b.Span(), Note: describeBinding(b)}}, readRelated(uses, nil, "")...)
		p.ReportRelated(uses[0].Span, e, "the code reads env."+name+", but "+configEnvs(w, []*wrangler.Env{e})+" binds "+describeBinding(orphan)+
			", which the code never reads, and no "+source.Quote(name)+": the binding was renamed there, so env."+name+
			" is undefined and "+effect+"; name it "+source.Quote(name)+" as elsewhere", related)
		return
	}
}

// renamedBinding finds, in environment i, the one binding of kind that no
// environment's code reads, when name is the one read of that kind that
// environment lacks while another binds it.
func renamedBinding(i int, name, kind string, bound []map[string]wrangler.Binding, reads []map[string][]jscode.EnvUse) (wrangler.Binding, bool) {
	readAnywhere := func(n string) bool {
		for _, r := range reads {
			if len(r[n]) > 0 {
				return true
			}
		}
		return false
	}
	var orphans []wrangler.Binding
	for _, n := range source.SortedKeys(bound[i]) {
		if b := bound[i][n]; b.Kind == kind && !readAnywhere(n) {
			orphans = append(orphans, b)
		}
	}
	lacking := 0
	for _, n := range source.SortedKeys(reads[i]) {
		if _, ok := bound[i][n]; ok || len(reads[i][n]) == 0 {
			continue
		}
		for j := range bound {
			if b, ok := bound[j][n]; ok && b.Kind == kind {
				lacking++
				break
			}
		}
	}
	if len(orphans) != 1 || lacking != 1 {
		return wrangler.Binding{}, false
	}
	return orphans[0], true
}

// undocumented drops the environments whose omission of the binding the
// config's comments explain ("WEB_SERVICE_KEY is deliberately unbound",
// "staging has no ratelimit bindings").
func undocumented(envs []*wrangler.Env, b wrangler.Binding) []*wrangler.Env {
	var out []*wrangler.Env
	for _, e := range envs {
		if !e.DocumentsOmission(b) {
			out = append(out, e)
		}
	}
	return out
}

// guardedRead: some environment's code tests env.<name> before using it
// (env.X ?? d, if (env.X), env.X?.m()), so the binding is optional to
// the code and an environment without it is a choice.
// With compared, a comparison with a literal (env.FLAG === "on") counts
// too: the read cannot throw.
func guardedRead(reads []map[string][]jscode.EnvUse, name string, compared bool) bool {
	for _, r := range reads {
		for _, u := range r[name] {
			if u.Guarded || compared && u.Compared {
				return true
			}
		}
	}
	return false
}

// uniqueUses sorts reads by place and drops repeats (one file read by
// several environments' graphs).
func uniqueUses(uses []jscode.EnvUse) []jscode.EnvUse {
	sort.SliceStable(uses, func(i, j int) bool {
		a, b := uses[i].Span, uses[j].Span
		if a.File.Path != b.File.Path {
			return a.File.Path < b.File.Path
		}
		return a.Start < b.Start
	})
	var out []jscode.EnvUse
	for i, u := range uses {
		if i == 0 || u.Span.String() != uses[i-1].Span.String() {
			out = append(out, u)
		}
	}
	return out
}

// readRelated lists the environments that lack the name and the other
// places the code reads it.
func readRelated(uses []jscode.EnvUse, missing []*wrangler.Env, note string) []lint.Related {
	var out []lint.Related
	for _, e := range missing {
		out = append(out, lint.Related{Span: configSpan(e), Note: e.Label() + ": " + note})
	}
	for i, u := range uses[1:] {
		if i == 3 {
			break
		}
		out = append(out, lint.Related{Span: u.Span, Note: "also read here"})
	}
	return out
}

func reportEnvReadUnbound(p *lint.Pass, w *project.Worker, name string, uses []jscode.EnvUse, missing, boundIn []*wrangler.Env, b wrangler.Binding) {
	related := append([]lint.Related{{Span: b.Span(), Note: describeBinding(b) + " of " + boundIn[0].Label()}},
		readRelated(uses, missing, "no "+name)...)
	effect := "reads as undefined there"
	if b.Kind != "vars" {
		effect = "is undefined there, and using it throws a TypeError"
	}
	add := "add it to " + envLabels(missing)
	if len(missing) == 1 && missing[0].IsTop() {
		add = "add it to the top level"
	}
	verb := " binds it ("
	if len(boundIn) > 1 {
		verb = " bind it ("
	}
	var fix *lint.Fix
	if b.Kind == "durable_objects" && len(missing) == 1 && !missing[0].IsTop() && boundIn[0].IsTop() {
		fix = copyDOFix(missing[0], "durable_objects", []string{name})
	}
	why := "bindings and vars are not inherited"
	if b.Kind == "assets" {
		why = "an environment's own assets replaces the inherited one, binding and all"
	}
	p.ReportRelated(uses[0].Span, missing[0], "the code reads env."+name+", but "+configEnvs(w, missing)+" binds no "+source.Quote(name)+
		" while "+envLabels(boundIn)+verb+describeBinding(b)+"): "+why+", so env."+name+" "+effect+
		"; "+add, related, fix)
	reportAtEnvs(p, w, name, uses, missing, b, boundIn[0].Label()+verb+describeBinding(b)+")", effect)
}

// reportAtEnvs reports the same mistake where the config lacks the name
// (each environment that deploys without it), so that the config shows
// it too: in the editor, and where only the config changed.
func reportAtEnvs(p *lint.Pass, w *project.Worker, name string, uses []jscode.EnvUse, missing []*wrangler.Env, b wrangler.Binding, boundBy, effect string) {
	for _, e := range missing {
		p.ReportRelated(configSpan(e), e, configEnvs(w, []*wrangler.Env{e})+" binds no "+source.Quote(name)+", which the code reads (env."+name+
			" at "+uses[0].Span.String()+") and "+boundBy+": deployed from here, env."+name+" "+effect+"; bind it here",
			[]lint.Related{{Span: uses[0].Span, Note: "env." + name + " read here"}, {Span: b.Span(), Note: describeBinding(b)}})
	}
}

// reportEnvReadNearMiss reports a read name no environment binds where one
// binds a near-identical name the code does not read itself (a name the
// code also reads is another value, not a misspelling).
func reportEnvReadNearMiss(p *lint.Pass, w *project.Worker, name string, uses []jscode.EnvUse, missing, envs []*wrangler.Env,
	bound []map[string]wrangler.Binding, reads []map[string][]jscode.EnvUse) {
	index := map[*wrangler.Env]int{}
	for i, e := range envs {
		index[e] = i
	}
	var near wrangler.Binding
	var with []*wrangler.Env
	for _, e := range missing {
		i := index[e]
		if b, ok := nearBinding(name, bound[i]); ok && len(reads[i][b.Name]) == 0 && (len(with) == 0 || b.Name == near.Name) &&
			!(b.Kind == "queues" && sendsOn(p.Project, w, e, name)) && !mayBeOwnSecret(w, name, b) {
			near = b
			with = append(with, e)
		}
	}
	if len(with) == 0 {
		return
	}
	related := append([]lint.Related{{Span: near.Span(), Note: describeBinding(near)}}, readRelated(uses, nil, "")...)
	p.ReportRelated(uses[0].Span, with[0], "the code reads env."+name+", but "+configEnvs(w, with)+" binds "+describeBinding(near)+
		" and no "+source.Quote(name)+": a near miss, so env."+name+" is undefined there; spell one like the other", related)
}

// mayBeOwnSecret: the read name may be a secret of its own, set out of
// band, rather than a misspelling of a near var: it is named like a
// credential, or the Env type declares it (`wrangler types` writes the
// secrets of .dev.vars there). A near binding of another kind (KV, D1, a
// Durable Object) is never a secret's neighbour by chance.
func mayBeOwnSecret(w *project.Worker, name string, near wrangler.Binding) bool {
	if near.Kind != "vars" && near.Kind != "secrets" {
		return false
	}
	return credentialName(name) || declaredInEnvType(w, name)
}

// declaredInEnvType: the Worker's Env interface (worker-configuration.d.ts
// or a hand-written one) declares the name: `wrangler types` writes the
// secrets of .dev.vars there, so the name is expected, set out of band.
func declaredInEnvType(w *project.Worker, name string) bool {
	for _, spans := range w.EnvTypeEntries(name) {
		if len(spans) > 0 {
			return true
		}
	}
	return false
}

// sendsOn: the environment's code calls env.<name>.send() or sendBatch(),
// which queue-send-unbound judges against the queue producers.
func sendsOn(pr *project.Project, w *project.Worker, e *wrangler.Env, name string) bool {
	for _, sf := range graphFacts(pr, w, e) {
		for _, c := range sf.BindingCalls {
			if c.Binding == name && (c.Method == "send" || c.Method == "sendBatch") {
				return true
			}
		}
	}
	return false
}

// runTwinConfigs judges configs that deploy the same main (wrangler.jsonc
// and wrangler.staging.jsonc beside it, chosen with -c): one program,
// deployed twice, so a name the code reads that one binds and the other
// binds in none of its environments is the same mistake as an
// environment's.
func runTwinConfigs(p *lint.Pass) {
	byMain := map[string][]*project.Worker{}
	for _, w := range readers(p.Project) {
		if main := deployedMain(w); main != "" && w.ShadowedBy == "" && !w.Template {
			byMain[main] = append(byMain[main], w)
		}
	}
	for _, main := range source.SortedKeys(byMain) {
		twins := byMain[main]
		for _, w := range twins {
			if localConfig(w) {
				continue // wrangler.local.toml for `wrangler dev --config`: not deployed
			}
			for _, other := range twins {
				if other != w {
					reportTwinReads(p, w, other, main)
				}
			}
		}
	}
}

// reportTwinReads reports the unguarded reads of w's code that w binds in
// no environment while its twin binds them (not as a possible secret).
func reportTwinReads(p *lint.Pass, w, twin *project.Worker, main string) {
	bound, twinBound := map[string]bool{}, map[string]wrangler.Binding{}
	for _, e := range deployedEnvs(w) {
		for n := range boundNames(e) {
			bound[n] = true
		}
	}
	for _, e := range deployedEnvs(twin) {
		for n, b := range boundNames(e) {
			if _, seen := twinBound[n]; !seen {
				twinBound[n] = b
			}
		}
	}
	envs := deployedEnvs(w)
	reads := make([]map[string][]jscode.EnvUse, len(envs))
	for i, e := range envs {
		if w.MainPath(e) == main {
			reads[i] = envReads(p.Project, w, e)
		}
	}
	names := map[string][]jscode.EnvUse{}
	for _, r := range reads {
		for n, us := range r {
			names[n] = append(names[n], us...)
		}
	}
	for _, name := range source.SortedKeys(names) {
		b, ok := twinBound[name]
		if bound[name] || !ok || maySecret(twin, b) || guardedRead(reads, name, true) {
			continue
		}
		uses := uniqueUses(names[name])
		effect := "reads as undefined"
		if b.Kind != "vars" {
			effect = "is undefined, and using it throws a TypeError"
		}
		related := append([]lint.Related{{Span: b.Span(), Note: describeBinding(b) + " of " + twin.Config.File.Rel + ", which deploys the same main"}},
			readRelated(uses, nil, "")...)
		p.ReportRelated(uses[0].Span, w.Config.Top(), "the code reads env."+name+", but "+w.Config.File.Rel+" binds no "+source.Quote(name)+
			" in any environment while "+twin.Config.File.Rel+", which deploys the same main "+p.Project.Files.Rel(main)+", binds it ("+
			describeBinding(b)+"): each config deploys exactly what it lists, so in the Worker "+w.Config.File.Rel+" deploys env."+name+" "+effect+
			"; bind it in "+w.Config.File.Rel+" too", related)
		reportAtEnvs(p, w, name, uses, []*wrangler.Env{w.Config.Top()}, b, twin.Config.File.Rel+", which deploys the same main, binds it ("+describeBinding(b)+")", effect)
	}
}

// localConfig: a config whose name says it is for local runs or tests
// (wrangler.local.toml, wrangler-dev.jsonc, wrangler.test.toml) and that
// no deploy script names; a config deployed from CI with its own name
// (WRANGLER_CONFIG_PATH=wrangler.staging.jsonc) is not one.
func localConfig(w *project.Worker) bool {
	base := filepath.Base(w.Config.File.Path)
	if source.IsConfigName(base) || w.NamedByDeploy {
		return false
	}
	for _, word := range strings.FieldsFunc(strings.ToLower(base), func(r rune) bool { return r == '.' || r == '-' || r == '_' }) {
		switch word {
		case "local", "dev", "test", "tests", "e2e":
			return true
		}
	}
	return false
}
