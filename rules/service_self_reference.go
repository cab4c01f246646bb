package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/source"
)

var _ = register(&lint.Rule{
	ID:       "service-self-reference",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "the `WORKER_SELF_REFERENCE` service binding of an OpenNext app does not name the deployment's own Worker",
		Why: "@opennextjs/cloudflare (0.6.0 and later; `NEXT_CACHE_REVALIDATION_WORKER` before) calls the Worker itself through the `WORKER_SELF_REFERENCE` " +
			"service binding for cache revalidation (the DO queue, the memory queue, the patched `res.revalidate`); its template says the service \"must match " +
			"the worker name\". `services` is not inherited, so each environment needs its own entry naming its own deploy name (`<name>-<env>`, or the " +
			"environment's `name`). A binding to another name revalidates that other Worker, or fails the deploy (\"could not resolve binding\", code 10143) " +
			"when no such script exists (workers-sdk#13880: the migration tool wrote the package.json name).",
		Bad: `-- wrangler.jsonc --
{
  "name": "shop",
  "main": ".open-next/worker.js",
  "compatibility_date": "2025-10-01",
  "services": [{ "binding": "WORKER_SELF_REFERENCE", "service": "shop" }],
  "env": {
    "staging": {
      "services": [{ "binding": "WORKER_SELF_REFERENCE", "service": "shop" }]
    }
  }
}
`,
		Good: `-- wrangler.jsonc --
{
  "name": "shop",
  "main": ".open-next/worker.js",
  "compatibility_date": "2025-10-01",
  "services": [{ "binding": "WORKER_SELF_REFERENCE", "service": "shop" }],
  "env": {
    "staging": {
      "services": [{ "binding": "WORKER_SELF_REFERENCE", "service": "shop-staging" }]
    }
  }
}
`,
		Fix:       "unsafe: the service becomes the deployment's own name",
		FixSafety: lint.FixUnsafe,
	},
	Run: runServiceSelfReference,
})

func runServiceSelfReference(p *lint.Pass) {
	for _, sb := range serviceBindings(p) {
		own := sb.dep.Env.WorkerName()
		if !selfReferences[sb.binding] || sb.legacyEnv != "" || own == "" || sb.service == own {
			continue
		}
		msg := "service binding " + source.Quote(sb.binding) + " of " + sb.dep.Label() + " names " + source.Quote(sb.service) + ", but this deployment is " + source.Quote(own) +
			": OpenNext calls its own Worker through it for cache revalidation, so it would revalidate " + source.Quote(sb.service) + " instead, or fail the deploy " +
			"(\"could not resolve binding\", code 10143) where no such Worker exists; write " + source.Quote(own)
		fix := &lint.Fix{Description: "name service " + source.Quote(own), Applicability: lint.Unsafe,
			Edits: []source.Edit{{File: sb.serviceNode.Span.File, Start: sb.serviceNode.Span.Start, End: sb.serviceNode.Span.End, New: configString(sb.serviceNode, own)}}}
		p.Report(sb.serviceNode.Span, sb.dep.Env, msg, fix)
	}
}
