package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "do-binding-shape",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "a Durable Object binding lacks a string `name` or `class_name`, or sets `environment` without `script_name`",
		Why: "wrangler rejects such a binding, but only for the environment being deployed; in other environments it waits " +
			"until someone deploys them. `environment` selects an environment of another Worker and means nothing without script_name.",
		Bad: `-- wrangler.jsonc --
{
  "name": "gateway",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "durable_objects": {
    "bindings": [
      { "name": "CHAT", "class_name": "Chat", "environment": "production" }
    ]
  }
}
-- src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    return env.CHAT.getByName("lobby").fetch(request);
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "gateway",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "durable_objects": {
    "bindings": [
      { "name": "CHAT", "class_name": "Chat", "script_name": "chat", "environment": "production" }
    ]
  }
}
-- src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    return env.CHAT.getByName("lobby").fetch(request);
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: func(p *lint.Pass) {
		eachEnv(p, func(w *project.Worker, e *wrangler.Env) {
			do := e.Own("durable_objects")
			if e.IsTop() {
				do = e.Config.Root.Get("durable_objects")
			}
			if do == nil {
				return
			}
			bindings := do.Get("bindings")
			if bindings == nil {
				return
			}
			if !bindings.IsArray() {
				p.Report(bindings.Span, e, "durable_objects.bindings"+inEnv(e)+" must be an array of bindings")
				return
			}
			for _, b := range bindings.Items {
				checkDOBinding(p, e, b)
			}
		})
	},
})

func checkDOBinding(p *lint.Pass, e *wrangler.Env, b *wrangler.Node) {
	if !b.IsObject() {
		p.Report(b.Span, e, "a Durable Object binding"+inEnv(e)+" must be an object with \"name\" and \"class_name\"")
		return
	}
	for _, field := range []string{"name", "class_name"} {
		v := b.Get(field)
		switch {
		case v == nil:
			p.Report(b.Span, e, "this Durable Object binding"+inEnv(e)+" has no \""+field+"\": wrangler rejects it")
		case v.Kind != wrangler.KindString:
			p.Report(v.Span, e, "\""+field+"\" must be a string, not a "+v.Kind.String()+": wrangler rejects the binding")
		}
	}
	if env := b.Member("environment"); env != nil && b.Get("script_name") == nil {
		p.Report(env.KeySpan, e, "\"environment\" selects an environment of another Worker and needs \"script_name\"; without it wrangler rejects the binding")
	}
}
