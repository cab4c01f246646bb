package rules

import (
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "secret-in-vars",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "a `vars` entry holds what looks like a credential",
		Why: "vars are plain text: they are committed with the config, shown in the dashboard and in `wrangler deploy` " +
			"output. Credentials belong in secrets: `wrangler secret put NAME` for deployed Workers (`--env NAME` for a var of " +
			"env.NAME, which deploys as a Worker of its own) and `.dev.vars` (not committed) for local development. Reported: known token formats (OpenAI and OpenRouter `sk-`, Stripe `sk_live_`, " +
			"GitHub, Slack, AWS access key ids, Google API keys, JWTs, PEM private keys), connection strings with a password " +
			"(postgres://user:password@host, mysql://, mongodb://, redis://, amqp://, ...; not for localhost), AWS secret access keys under an AWS " +
			"name, and long literal values under a name like `*_KEY`, `*_SECRET`, `*_TOKEN` or `PASSWORD`; not keys meant for " +
			"browsers (PostHog `phc_`, Stripe `pk_live_`/`pk_test_`) nor placeholders. In a test harness config (never deployed) only the known formats and URLs with a password are reported: a name alone there marks a test fixture. The finding never repeats the value, " +
			"and wranglint masks such values wherever it prints a config's text.",
		Bad: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "vars": { "OPENAI_API_KEY": "sk-proj-EXAMPLE-not-a-real-key" }
}
-- src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    const headers = { Authorization: "Bearer " + env.OPENAI_API_KEY };
    return fetch("https://api.openai.com/v1/models", { headers });
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "secrets": { "required": ["OPENAI_API_KEY"] } // wrangler secret put OPENAI_API_KEY
}
-- src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    const headers = { Authorization: "Bearer " + env.OPENAI_API_KEY };
    return fetch("https://api.openai.com/v1/models", { headers });
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: func(p *lint.Pass) {
		eachEnv(p, func(w *project.Worker, e *wrangler.Env) {
			vars := e.Node.Get("vars")
			if !vars.IsObject() {
				return
			}
			for _, m := range vars.Members {
				why := wrangler.SecretReason(m.Key, m.Value)
				if w.TestHarness && !strings.HasPrefix(why, "holds") {
					// a test config's credential-named vars are its fixtures;
					// a real token (a known format) leaks from it all the same
					why = ""
				}
				if why != "" {
					p.Report(m.Value.Span, e, "vars."+m.Key+inEnv(e)+" "+why+": vars are plain text in the config, the dashboard "+
						"and deploy output; remove it, rotate it, and use `"+secretPut(e, m.Key)+"` (and "+devVars(e)+" locally)")
				}
			}
		})
	},
})

// secretPut is the command that sets the secret where the var was: a
// named environment is a Worker of its own, with secrets of its own.
func secretPut(e *wrangler.Env, name string) string {
	if e.IsTop() {
		return "wrangler secret put " + name
	}
	return "wrangler secret put " + name + " --env " + shellWord(e.Name)
}

// devVars is the file wrangler dev reads secrets from for the environment.
func devVars(e *wrangler.Env) string {
	if e.IsTop() {
		return ".dev.vars"
	}
	return ".dev.vars." + e.Name
}

// shellWord quotes a word for a POSIX shell when it needs it.
func shellWord(s string) string {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
	}
	if s == "" {
		return "''"
	}
	return s
}
