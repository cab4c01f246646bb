package rules

import (
	"regexp"
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "secret-in-vars",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "a `vars` entry holds what looks like a credential",
		Why: "vars are plain text: they are committed with the config, shown in the dashboard and in `wrangler deploy` " +
			"output. Credentials belong in secrets: `wrangler secret put NAME` for deployed Workers and `.dev.vars` (not " +
			"committed) for local development. The finding never repeats the value.",
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
		eachEnv(p, func(w *lint.Worker, e *wrangler.Env) {
			vars := e.Node.Get("vars")
			if !vars.IsObject() {
				return
			}
			for _, m := range vars.Members {
				if why := secretReason(m.Key, m.Value); why != "" {
					p.Report(m.Value.Span, e, "vars."+m.Key+inEnv(e)+" "+why+": vars are plain text in the config, the dashboard "+
						"and deploy output; remove it, rotate it, and use `wrangler secret put "+m.Key+"` (and .dev.vars locally)")
				}
			}
		})
	},
})

var (
	secretName  = regexp.MustCompile(`(?i)(^|_)(API_?KEY|SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE_KEY|ACCESS_KEY|CLIENT_SECRET|AUTH|CREDENTIALS?)($|_)|(_KEY$)`)
	publicName  = regexp.MustCompile(`(?i)PUBLIC|PUBLISHABLE|SITE_KEY|_ID$|_URL$|_ENDPOINT$|TOKEN_URL|AUTH_URL|_HEADER$|_NAME$`)
	tokenFormat = regexp.MustCompile(`^(sk-[A-Za-z0-9_-]{20,}|sk_live_[A-Za-z0-9]{10,}|rk_live_[A-Za-z0-9]{10,}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|xox[abpr]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}|eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}|-----BEGIN [A-Z ]*PRIVATE KEY-----)`)
	placeholder = regexp.MustCompile(`(?i)^(<.*>|\$\{.*\}|x+|\*+|\.\.\.|changeme|change-me|todo|tbd|none|null|false|true|dummy|example|placeholder|your[-_ ].*|.*[-_ ]here|test|dev|development|local|fake.*|secret)$`)
)

// secretReason says why a var looks like a credential, "" if it does not.
func secretReason(name string, v *wrangler.Node) string {
	value, ok := v.String()
	value = strings.TrimSpace(value)
	if !ok || value == "" || placeholder.MatchString(value) {
		return ""
	}
	if tokenFormat.MatchString(value) {
		return "holds a value in a known token format"
	}
	if secretName.MatchString(name) && !publicName.MatchString(name) && len(value) >= 8 && !strings.ContainsAny(value, " /") {
		return "looks like a credential (its name) with a literal value"
	}
	return ""
}
