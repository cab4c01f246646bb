package rules

import (
	"strings"

	"github.com/wranglint/wranglint/lint"
)

var _ = register(&lint.Rule{
	ID:       "env-missing-binding",
	Severity: lint.SeverityWarning,
	Doc: lint.Doc{
		Summary: "a key or binding that environments do not inherit exists at the top level but not in `env.<name>`",
		Why: "vars, durable_objects, kv_namespaces, d1_databases and the other binding keys are not inherited: an " +
			"environment that does not repeat them deploys without them, and env.X is undefined there at run time. wrangler " +
			"warns only for the environment being deployed; wranglint checks every one.",
		Bad: `"kv_namespaces": [{ "binding": "CACHE", "id": "..." }],
"env": { "staging": { "vars": { "MODE": "staging" } } } // no CACHE in staging`,
		Good:      `"env": { "staging": { "kv_namespaces": [{ "binding": "CACHE", "id": "<staging id>" }] } }`,
		Fix:       "safe for Durable Object bindings without script_name (they are copied); a suggestion for the others, whose ids differ per environment",
		FixSafety: lint.FixSafe,
	},
	Run: func(p *lint.Pass) {
		for _, w := range p.Project.Workers {
			top := w.Config.Top()
			for _, e := range w.Config.Envs[1:] {
				checkEnvInherit(p, top, e)
			}
		}
	},
})

func checkEnvInherit(p *lint.Pass, top, e *lint.Env) {
	envKey := e.Config.Root.Get("env").Member(e.Name)
	for _, m := range e.Config.Root.Members {
		if !lint.NonInheritable[m.Key] {
			continue
		}
		own := e.Own(m.Key)
		if own == nil {
			p.Report(envKey.KeySpan, e, e.Label()+" has no "+lint.Quote(m.Key)+" of its own and does not inherit the top level's ("+
				lineOf(m.KeySpan)+"): "+describeMissing(top, m.Key, nil)+" there", copyDOFix(e, m.Key, nil))
			continue
		}
		missing := missingNames(top, e, m.Key)
		if len(missing) > 0 {
			ownKey := e.Node.Member(m.Key)
			p.Report(ownKey.KeySpan, e, e.Label()+" "+m.Key+" lacks "+lint.QuoteList(missing)+" from the top level: "+
				describeMissing(top, m.Key, missing)+" there", copyDOFix(e, m.Key, missing))
		}
	}
}

// bindingsOf lists the binding names of one key in an environment.
func bindingsOf(e *lint.Env, key string) []lint.Binding {
	var out []lint.Binding
	for _, b := range e.Bindings() {
		if b.Kind == key {
			out = append(out, b)
		}
	}
	return out
}

func missingNames(top, e *lint.Env, key string) []string {
	have := map[string]bool{}
	for _, b := range bindingsOf(e, key) {
		have[b.Name] = true
	}
	var out []string
	for _, b := range bindingsOf(top, key) {
		if !have[b.Name] {
			out = append(out, b.Name)
		}
	}
	return out
}

func describeMissing(top *lint.Env, key string, names []string) string {
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
func copyDOFix(e *lint.Env, key string, names []string) *lint.Fix {
	if key != "durable_objects" || e.Config.Format == "toml" && names == nil && e.Own(key) != nil {
		return nil
	}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	var copies []*lint.DOBinding
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
	return &lint.Fix{Description: "copy Durable Object binding(s) " + lint.QuoteList(listed) + " into " + e.Label(), Safe: true, Edits: edits}
}

func copyEdits(e *lint.Env, copies []*lint.DOBinding) []lint.Edit {
	if e.Config.Format == "toml" {
		var edits []lint.Edit
		for _, b := range copies {
			edits = append(edits, lint.AppendTOMLTable(e.Config.File, "env."+tomlKey(e.Name)+".durable_objects.bindings",
				[]string{"name = " + lint.JSONString(b.Name), "class_name = " + lint.JSONString(b.ClassName)}))
		}
		if len(edits) > 1 {
			// one insertion point: join them into one edit
			joined := edits[0]
			for _, ed := range edits[1:] {
				joined.New += ed.New
			}
			edits = []lint.Edit{joined}
		}
		return edits
	}
	var items []string
	for _, b := range copies {
		items = append(items, "{ \"name\": "+lint.JSONString(b.Name)+", \"class_name\": "+lint.JSONString(b.ClassName)+" }")
	}
	bindings := e.Own("durable_objects").Get("bindings")
	switch {
	case bindings.IsArray():
		return lint.AppendItem(bindings, strings.Join(items, ", "))
	case e.Own("durable_objects").IsObject():
		return lint.InsertMember(e.Own("durable_objects"), "bindings", "["+strings.Join(items, ", ")+"]")
	case e.Own("durable_objects") == nil:
		return lint.InsertMember(e.Node, "durable_objects", "{ \"bindings\": ["+strings.Join(items, ", ")+"] }")
	}
	return nil
}
