package rules

import (
	"strings"

	"github.com/wranglint/wranglint/lint"
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
			"warns only for the environment being deployed; wranglint checks every one.",
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

func checkEnvInherit(p *lint.Pass, top, e *wrangler.Env) {
	envKey := e.Config.Root.Get("env").Member(e.Name)
	for _, m := range e.Config.Root.Members {
		if !wrangler.NonInheritable[m.Key] {
			continue
		}
		own := e.Own(m.Key)
		if own == nil {
			p.Report(envKey.KeySpan, e, e.Label()+" has no "+source.Quote(m.Key)+" of its own and does not inherit the top level's ("+
				lineOf(m.KeySpan)+"): "+describeMissing(top, m.Key, nil)+" there", copyDOFix(e, m.Key, nil))
			continue
		}
		missing := missingNames(top, e, m.Key)
		if len(missing) > 0 {
			ownKey := e.Node.Member(m.Key)
			p.Report(ownKey.KeySpan, e, e.Label()+" "+m.Key+" lacks "+source.QuoteList(missing)+" from the top level: "+
				describeMissing(top, m.Key, missing)+" there", copyDOFix(e, m.Key, missing))
		}
	}
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
