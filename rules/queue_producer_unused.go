package rules

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
)

var _ = register(&lint.Rule{
	ID:       "queue-producer-unused",
	Severity: lint.SeverityInfo,
	Doc: lint.Doc{
		Summary: "a queue producer binding that the Worker's code never names",
		Why: "A producer binding only gives the Worker `env.<binding>.send()`/`sendBatch()`; when no module of the Worker's graph names the binding, no message " +
			"is ever sent through it: the code sends through another name, or the feature was removed and the binding (and perhaps its consumer) remains. " +
			"wrangler still requires the queue to exist at deploy (\"Queue ... does not exist\"). The rule reads every module of `main`'s graph (every " +
			"`env.X`, destructuring, and the name anywhere in the text, to stay silent on dynamic access) and is silent when the graph imports code from " +
			"workspace packages, or packages that are not installed (they may be workspace packages), which may use the binding.",
		Bad: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "queues": { "producers": [{ "binding": "AUDIT_LOG", "queue": "audit" }] }
}
-- src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    return new Response("ok");
  },
};
`,
		Good: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "queues": { "producers": [{ "binding": "AUDIT_LOG", "queue": "audit" }] }
}
-- src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    await env.AUDIT_LOG.send({ path: new URL(request.url).pathname });
    return new Response("ok");
  },
};
`,
	},
	Run: runQueueProducerUnused,
})

func runQueueProducerUnused(p *lint.Pass) {
	for _, u := range queueUses(p) {
		if u.role != queueProducer || u.binding == "" {
			continue
		}
		mod := u.dep.Worker.Module(u.dep.Env)
		if mod == nil || !mod.Built || usesWorkspaceCode(p.Project, mod) {
			continue
		}
		if namesBinding(p.Project.GraphFacts(mod), u.binding) {
			continue
		}
		span := u.entry.Get("binding").Span
		p.Report(span, u.dep.Env, "queue producer binding "+source.Quote(u.binding)+" (queue "+source.Quote(u.name)+") of "+u.dep.Label()+
			" is named nowhere in main's module graph ("+p.Project.Rel(mod.Main)+"): nothing is ever sent to the queue through it; send through it, or remove the binding")
	}
}

// namesBinding: some module of the graph reads env.<name>, destructures
// it, or writes the name at all.
func namesBinding(facts []*jscode.SourceFacts, name string) bool {
	for _, sf := range facts {
		for _, use := range sf.EnvUses {
			if use.Name == name {
				return true
			}
		}
		if bytes.Contains(sf.File.Data, []byte(name)) {
			return true
		}
	}
	return false
}

// usesWorkspaceCode: the graph imports a package that resolves to the
// repository's own code (a workspace package), which esbuild's graph
// leaves out, or one that is not installed, which may be such a package.
func usesWorkspaceCode(pr *project.Project, mod *jscode.Module) bool {
	for spec, from := range mod.External {
		if strings.HasPrefix(spec, "node:") || strings.HasPrefix(spec, "cloudflare:") || !strings.Contains(spec, "/") && nodeBuiltin[spec] {
			continue
		}
		if target := pr.ResolveModule(from, spec); target == "" || !strings.Contains(filepath.ToSlash(target), "/node_modules/") {
			return true
		}
	}
	return false
}

// nodeBuiltin are Node.js modules imported without the node: prefix.
var nodeBuiltin = map[string]bool{"buffer": true, "crypto": true, "events": true, "path": true, "stream": true, "util": true,
	"url": true, "assert": true, "async_hooks": true, "process": true, "string_decoder": true, "zlib": true, "os": true, "fs": true}
