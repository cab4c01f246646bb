package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "fetch-own-custom-domain",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "the Worker's code `fetch()`es a URL on one of its own custom domains",
		Why: "The global fetch() of a host in the Worker's own zone is sent to the zone's origin, skipping Workers (workerd " +
			"compatibility-date.capnp, globalFetchStrictlyPublic). A Custom Domain has no origin but the Worker itself, so " +
			"such a self-fetch fails (a 522 in production, seen in JSONbored/metagraphed#10194: a health probe of the Worker's " +
			"own API reported an outage every run). Call the code directly, or use a service binding to the Worker itself; " +
			"with the `global_fetch_strictly_public` flag the request goes out through the front door instead, and the " +
			"rule is silent. Only a URL whose host is written in the code (a literal, a const, a template on one) is checked.",
		Bad: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "routes": [{ "pattern": "api.example.com", "custom_domain": true }],
  "triggers": { "crons": ["*/5 * * * *"] }
}
-- src/index.ts --
const HEALTH = "https://api.example.com/health";

export default {
  async fetch() {
    return new Response("ok");
  },
  async scheduled() {
    const res = await fetch(HEALTH); // the Worker's own custom domain
    console.log(res.status);
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "routes": [{ "pattern": "api.example.com", "custom_domain": true }],
  "triggers": { "crons": ["*/5 * * * *"] }
}
-- src/index.ts --
const UPSTREAM = "https://status.example.org/health";

export default {
  async fetch() {
    return new Response("ok");
  },
  async scheduled() {
    const res = await fetch(UPSTREAM);
    console.log(res.status);
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: runFetchOwnCustomDomain,
})

type selfFetch struct {
	url     jscode.HostURL
	envs    []*wrangler.Env
	related []lint.Related
}

func runFetchOwnCustomDomain(p *lint.Pass) {
	for _, w := range p.Project.Workers {
		found := map[string]*selfFetch{}
		var order []string
		for _, e := range deployedEnvs(w) {
			domains := map[string]routeEntry{}
			for _, r := range routesOf(e) {
				if r.CustomDomain {
					domains[routeHost(r.Pattern)] = r
				}
			}
			if len(domains) == 0 || compatOf(e).flags["global_fetch_strictly_public"] {
				continue
			}
			for _, sf := range graphFacts(p.Project, w, e) {
				if project.IsTestFile(sf.File.Path) {
					continue
				}
				for _, u := range sf.FetchURLs {
					r, ok := domains[u.Host]
					if !ok {
						continue
					}
					key := u.Span.String()
					sfe := found[key]
					if sfe == nil {
						sfe = &selfFetch{url: u}
						found[key] = sfe
						order = append(order, key)
					}
					sfe.envs = append(sfe.envs, e)
					sfe.related = append(sfe.related, lint.Related{Span: r.PatternNode.Span, Note: "custom domain of " + deploymentName(w, e)})
				}
			}
		}
		for _, key := range order {
			sfe := found[key]
			p.ReportRelated(sfe.url.Span, sfe.envs[0], "the Worker fetch()es "+source.Quote(sfe.url.Host+sfe.url.Path)+
				", its own custom domain in "+configEnvs(w, sfe.envs)+
				": a fetch of the Worker's own zone goes to the origin, and a custom domain has none, so it fails (522); "+
				"call the handler's code directly or through a service binding to this Worker",
				sfe.related)
		}
	}
}
