package rules

import (
	"strings"
	"unicode"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "env-missing-binding",
	Severity: lint.SeverityWarning,
	Doc: lint.Doc{
		Summary: "a key or binding that environments do not inherit exists at the top level but not in `env.<name>`",
		Why: "vars, durable_objects, kv_namespaces, d1_databases and the other binding keys are not inherited: an " +
			"environment that does not repeat them deploys without them, and env.X is undefined there at run time. wrangler " +
			"warns only for the environment being deployed; wranglint checks every one. A missing var is reported only where nothing " +
			"says it is a secret, which each environment sets with `wrangler secret put NAME --env <env>` while the top level keeps a " +
			"local value: not when secrets.required of any environment lists it, .dev.vars* or .env* beside the config name it, " +
			"`wrangler secret put NAME` appears in the repository's Markdown files (the config's folder and those above it), the " +
			"Worker's package.json or the GitHub workflows, its name reads as a credential (*_SECRET, *_TOKEN, *_KEY, *_PASSWORD, " +
			"CLIENT_ID, *_DSN, DATABASE_URL, ...), or its top-level value is a credential or a placeholder (\"\", \"PLACEHOLDER\", " +
			"\"<...>\", \"change-me\"). Bindings (KV, D1, AI, ...) are reported unless the config's comments explain the omission " +
			"(a comment naming the binding, or written at its entry, that says it is optional, left out or unbound; or a comment on " +
			"the environment saying it has no bindings of that kind). The kinds an environment has none of are one finding at the environment. A Worker whose bindings an Alchemy program (alchemy.run.ts in its folder or above) also declares is not judged by what its config lacks.",
		Bad: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "kv_namespaces": [{ "binding": "CACHE", "id": "0f2ac74b498b48028cb68387c421e279" }],
  "env": {
    "staging": {
      "vars": { "MODE": "staging" } // no CACHE: env.CACHE is undefined in staging
    }
  }
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
  "compatibility_date": "2025-10-01",
  "kv_namespaces": [{ "binding": "CACHE", "id": "0f2ac74b498b48028cb68387c421e279" }],
  "env": {
    "staging": {
      "vars": { "MODE": "staging" },
      "kv_namespaces": [{ "binding": "CACHE", "id": "7d5e1f0b9a3c4e2d8f6a0b1c2d3e4f5a" }]
    }
  }
}
-- src/index.ts --
export default {
  async fetch() {
    return new Response("Hello");
  },
} satisfies ExportedHandler<Env>;`,
		Fix: "safe for Durable Object bindings without script_name (they are copied); a suggestion for the others, whose ids differ per environment; " +
			"unsafe where the environment binds the same class under a near-identical name (the spelling is corrected, which changes env.<name> there)",
		FixSafety: lint.FixSafeAndUnsafe,
	},
	Run: func(p *lint.Pass) {
		for _, w := range p.Project.Workers {
			if w.BindingsElsewhere != "" {
				continue // Alchemy binds per stage what the config leaves out
			}
			top := w.Config.Top()
			for _, e := range w.Config.Envs[1:] {
				checkEnvInherit(p, w, top, e)
			}
		}
	},
})

func checkEnvInherit(p *lint.Pass, w *project.Worker, top, e *wrangler.Env) {
	envKey := e.Config.Root.Get("env").Member(e.Name)
	var atEnv envKindReports // the kinds the environment has none of: one finding
	defer atEnv.report(p, envKey.KeySpan, e)
	for _, m := range e.Config.Root.Members {
		if !wrangler.NonInheritable[m.Key] {
			continue
		}
		own := e.Own(m.Key)
		if m.Key == "queues" && len(top.Get("queues").Get("producers").Objects()) == 0 {
			continue // consumers are no binding: a Worker consumes a queue in the environments that say so
		}
		all := missingNames(top, e, m.Key)
		if len(all) > 0 && len(undocumentedNames(top, e, m.Key, all)) == 0 {
			continue // the config's comments say the environment leaves them out
		}
		if own == nil && m.Key != "vars" {
			if len(all) > 0 && len(unreadNames(p.Project, w, e, all)) == 0 {
				continue // every name is read by the code: env-read-unbound reports each at its read
			}
			atEnv.add("no "+source.Quote(m.Key)+" of its own and does not inherit the top level's ("+
				lineOf(m.KeySpan)+"): "+describeMissing(top, m.Key, nil)+" there", copyDOFix(e, m.Key, nil))
			continue
		}
		// a name the code reads is an error at the read (env-read-unbound)
		missing := undocumentedNames(top, e, m.Key, unreadNames(p.Project, w, e, all))
		switch m.Key {
		case "durable_objects":
			missing = reportMisspelt(p, top, e, missing)
		case "vars":
			missing = driftedVars(w, top, e, missing)
			if len(missing) > 0 && own == nil {
				atEnv.add("no \"vars\" of its own and does not inherit the top level's ("+
					lineOf(m.KeySpan)+"): "+describeMissing(top, m.Key, missing)+" there", nil)
				continue
			}
		}
		if len(missing) > 0 {
			ownKey := e.Node.Member(m.Key)
			p.Report(ownKey.KeySpan, e, e.Label()+" "+m.Key+" lacks "+source.QuoteList(missing)+" from the top level: "+
				describeMissing(top, m.Key, missing)+" there", copyDOFix(e, m.Key, missing))
		}
	}
}

// envKindReports gathers what an environment has none of, kind by kind,
// into one finding at the environment: one omission of several kinds (an
// environment written for one purpose) is one mistake, not one per kind.
type envKindReports struct {
	parts []string
	fix   *lint.Fix
}

func (r *envKindReports) add(part string, fix *lint.Fix) {
	r.parts = append(r.parts, part)
	if fix != nil && r.fix == nil {
		r.fix = fix
	}
}

func (r *envKindReports) report(p *lint.Pass, span source.Span, e *wrangler.Env) {
	if len(r.parts) == 0 {
		return
	}
	p.Report(span, e, e.Label()+" has "+strings.Join(r.parts, "; and "), r.fix)
}

// undocumentedNames drops the names whose absence from e the config's
// comments explain.
func undocumentedNames(top, e *wrangler.Env, key string, names []string) []string {
	var out []string
	for _, n := range names {
		b := wrangler.Binding{Kind: key, Name: n}
		for _, tb := range bindingsOf(top, key) {
			if tb.Name == n {
				b = tb
			}
		}
		if !e.DocumentsOmission(b) {
			out = append(out, n)
		}
	}
	return out
}

// bindingsOf lists the binding names of one key in an environment.
func bindingsOf(e *wrangler.Env, key string) []wrangler.Binding {
	var out []wrangler.Binding
	for _, b := range e.Bindings() {
		if b.Kind == key {
			out = append(out, b)
		}
	}
	return out
}

func missingNames(top, e *wrangler.Env, key string) []string {
	have := map[string]bool{}
	for _, b := range bindingsOf(e, key) {
		have[b.Name] = true
	}
	if key == "vars" {
		for _, s := range e.Own("secrets").Get("required").Strings() {
			have[s.Str] = true // a secret of the same name takes the var's place
		}
	}
	var out []string
	for _, b := range bindingsOf(top, key) {
		if !have[b.Name] {
			out = append(out, b.Name)
		}
	}
	return out
}

func describeMissing(top *wrangler.Env, key string, names []string) string {
	if names == nil {
		for _, b := range bindingsOf(top, key) {
			names = append(names, b.Name)
		}
	}
	if len(names) == 0 {
		return key + " is not applied"
	}
	refs := make([]string, len(names))
	for i, n := range names {
		refs[i] = "env." + n
	}
	return strings.Join(refs, ", ") + " will be undefined"
}

// copyDOFix copies local Durable Object bindings into the environment;
// other kinds need per-environment ids, which only a person knows.
func copyDOFix(e *wrangler.Env, key string, names []string) *lint.Fix {
	if key != "durable_objects" || e.Config.Format == "toml" && names == nil && e.Own(key) != nil {
		return nil
	}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	var copies []*wrangler.DOBinding
	for _, b := range e.Config.Top().DurableObjects() {
		if names != nil && !want[b.Name] {
			continue
		}
		if !b.Local() {
			return nil // script_name bindings may need another environment
		}
		copies = append(copies, b)
	}
	if len(copies) == 0 {
		return nil
	}
	edits := copyEdits(e, copies)
	if edits == nil {
		return nil
	}
	var listed []string
	for _, b := range copies {
		listed = append(listed, b.Name)
	}
	return &lint.Fix{Description: "copy Durable Object binding(s) " + source.QuoteList(listed) + " into " + e.Label(), Applicability: lint.Safe, Edits: edits}
}

func copyEdits(e *wrangler.Env, copies []*wrangler.DOBinding) []source.Edit {
	if e.Config.Format == "toml" {
		var edits []source.Edit
		for _, b := range copies {
			edits = append(edits, wrangler.AppendTOMLTable(e.Config.File, "env."+tomlKey(e.Name)+".durable_objects.bindings",
				[]string{"name = " + wrangler.JSONString(b.Name), "class_name = " + wrangler.JSONString(b.ClassName)}))
		}
		if len(edits) > 1 {
			// one insertion point: join them into one edit
			joined := edits[0]
			for _, ed := range edits[1:] {
				joined.New += ed.New
			}
			edits = []source.Edit{joined}
		}
		return edits
	}
	var items []string
	for _, b := range copies {
		items = append(items, "{ \"name\": "+wrangler.JSONString(b.Name)+", \"class_name\": "+wrangler.JSONString(b.ClassName)+" }")
	}
	bindings := e.Own("durable_objects").Get("bindings")
	switch {
	case bindings.IsArray():
		return wrangler.AppendItem(bindings, strings.Join(items, ", "))
	case e.Own("durable_objects").IsObject():
		return wrangler.InsertMember(e.Own("durable_objects"), "bindings", "["+strings.Join(items, ", ")+"]")
	case e.Own("durable_objects") == nil:
		return wrangler.InsertMember(e.Node, "durable_objects", "{ \"bindings\": ["+strings.Join(items, ", ")+"] }")
	}
	return nil
}

// reportMisspelt reports the top level's Durable Object bindings that the
// environment declares for the same class under a near-identical name
// (a likely misspelling: the same namespace after conversion, equal but
// for case, or at most two edits away), with a fix that corrects the
// spelling instead of adding a second binding. It returns the names still
// missing.
func reportMisspelt(p *lint.Pass, top, e *wrangler.Env, missing []string) []string {
	var rest []string
	for _, name := range missing {
		want := doBinding(top, name)
		near := nearSpelling(e, want)
		if near == nil {
			rest = append(rest, name)
			continue
		}
		fix := &lint.Fix{Description: "rename binding " + source.Quote(near.Name) + inEnv(e) + " to " + source.Quote(name),
			Applicability: lint.Unsafe, Edits: []source.Edit{quotedEdit(near.NameNode.Span, name)}}
		p.ReportRelated(near.NameNode.Span, e, e.Label()+" binds class "+source.Quote(near.ClassName)+" as "+source.Quote(near.Name)+
			" where the top level binds it as "+source.Quote(name)+": env."+name+" is undefined there and code written for one "+
			"name fails in the other; spell it "+source.Quote(name)+" (or rename it everywhere)",
			[]lint.Related{{Span: want.NameNode.Span, Note: "the top level's binding"}}, fix)
	}
	return rest
}

func doBinding(e *wrangler.Env, name string) *wrangler.DOBinding {
	for _, b := range e.DurableObjects() {
		if b.Name == name {
			return b
		}
	}
	return nil
}

// nearSpelling finds the environment's binding of the same class whose
// name is near-identical to want's.
func nearSpelling(e *wrangler.Env, want *wrangler.DOBinding) *wrangler.DOBinding {
	if want == nil {
		return nil
	}
	for _, b := range e.DurableObjects() {
		if b.ClassName != want.ClassName || b.Name == want.Name || doBinding(e.Config.Top(), b.Name) != nil {
			continue
		}
		if sdk.Namespace(b.Name, sdk.EraCurrent) == sdk.Namespace(want.Name, sdk.EraCurrent) ||
			strings.EqualFold(b.Name, want.Name) || sdk.Loose(b.Name) == sdk.Loose(want.Name) || source.EditDistance(b.Name, want.Name) <= 2 {
			return b
		}
	}
	return nil
}

// driftedVars keeps the missing vars nothing says are secrets. A project
// that keeps a value local at the top level (a placeholder, or the value
// for wrangler dev) and sets it per environment with `wrangler secret put
// --env` leaves it out of env.<name> on purpose. It says so by the name
// being listed in secrets.required of any environment, written in
// .dev.vars* or .env* beside the config, or named by `wrangler secret put`
// in the repository's docs, package.json or workflows (Worker.SecretNames);
// by a name that reads as a credential; by a top-level value that is one
// (secret-in-vars) or is a placeholder.
func driftedVars(w *project.Worker, top, e *wrangler.Env, missing []string) []string {
	required := map[string]bool{}
	for _, env := range e.Config.Envs {
		for _, s := range env.Own("secrets").Get("required").Strings() {
			required[s.Str] = true
		}
	}
	var out []string
	for _, name := range missing {
		value := top.Own("vars").Get(name)
		_, said := w.SecretNames[name]
		if said || required[name] || secretLikeVar(name) || wrangler.SecretReason(name, value) != "" || placeholderValue(value) {
			continue
		}
		out = append(out, name)
	}
	return out
}

// secretWords are the words of a var name that say it holds a credential.
var secretWords = map[string]bool{"SECRET": true, "SECRETS": true, "TOKEN": true, "TOKENS": true, "PASSWORD": true,
	"PASSWORDS": true, "PASSWD": true, "PWD": true, "KEY": true, "KEYS": true, "APIKEY": true, "CREDENTIAL": true,
	"CREDENTIALS": true, "PRIVATE": true, "DSN": true, "SALT": true}

// secretLikeVar: OPENAI_API_KEY, JWT_SECRET, CLOUDFLARE_CLIENT_ID,
// DATABASE_URL, sentryDsn, ...
func secretLikeVar(name string) bool {
	words := varWords(name)
	for i, w := range words {
		if secretWords[w] {
			return true
		}
		if i > 0 && (words[i-1] == "CLIENT" && w == "ID" || words[i-1] == "DATABASE" && w == "URL" ||
			words[i-1] == "DB" && w == "URL" || words[i-1] == "CONNECTION" && w == "STRING") {
			return true
		}
	}
	return false
}

// varWords splits a name at _, -, . and lower-to-upper case changes, in
// upper case.
func varWords(name string) []string {
	var words []string
	var cur []rune
	prevLower := false
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToUpper(string(cur)))
			cur = cur[:0]
		}
	}
	for _, r := range name {
		switch {
		case r == '_' || r == '-' || r == '.':
			flush()
			prevLower = false
			continue
		case unicode.IsUpper(r) && prevLower:
			flush()
		}
		cur = append(cur, r)
		prevLower = unicode.IsLower(r) || unicode.IsDigit(r)
	}
	flush()
	return words
}

var placeholderVar = source.LazyRegexp(`(?i)^(|<.*>|\$\{.*\}|x{3,}|\*+|\.\.\.|changeme|change[-_ ]me|todo|tbd|placeholder|replace[-_ ]?me|your[-_ ].*|.*[-_ ]here)$`)

// placeholderValue: a top-level value that stands for one set elsewhere
// ("", "PLACEHOLDER", "<your key>", "change-me", ...).
func placeholderValue(v *wrangler.Node) bool {
	s, ok := v.String()
	return ok && placeholderVar().MatchString(strings.TrimSpace(s))
}
