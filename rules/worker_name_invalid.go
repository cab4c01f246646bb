package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var workerNameRe = source.LazyRegexp(`^[a-z0-9_][a-z0-9-_]*$`)

var _ = register(&lint.Rule{
	ID:       "worker-name-invalid",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "a Worker name (including the `<name>-<env>` name of an environment) is not lower-case letters, digits, `-` and `_`",
		Why: "The API rejects other names at deploy time. A named environment deploys as <name>-<env> unless it sets its own " +
			"name, so an environment called \"Staging\" breaks a name that is valid at the top level. Configs that only run tests (named as wrangler.configPath by a vitest config, or below a test, tests, e2e or __tests__ folder) are never deployed and are not checked.",
		Bad: `-- wrangler.jsonc --
{
  "name": "my-worker",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "env": {
    "Staging": { "vars": { "MODE": "staging" } }
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
  "name": "my-worker",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "env": {
    "staging": { "vars": { "MODE": "staging" } }
  }
}
-- src/index.ts --
export default {
  async fetch() {
    return new Response("Hello");
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: func(p *lint.Pass) {
		eachDeployedEnv(p, func(w *project.Worker, e *wrangler.Env) {
			name := e.WorkerName()
			if name == "" || workerNameRe().MatchString(name) || wrangler.HasPlaceholder(name) {
				return
			}
			if own := e.Node.Get("name"); own != nil {
				p.Report(own.Span, e, "Worker name "+source.Quote(name)+inEnv(e)+" is invalid: the deploy is rejected; use lower-case letters, digits, - and _ only")
				return
			}
			if top := e.Config.Root.Get("name"); top != nil && !workerNameRe().MatchString(top.Str) {
				return // reported at the top level
			}
			key := e.Config.Root.Get("env").Member(e.Name)
			p.Report(key.KeySpan, e, e.Label()+" deploys as "+source.Quote(name)+", which is not a valid Worker name: "+
				"rename the environment in lower case, or give it its own \"name\"")
		})
	},
})
