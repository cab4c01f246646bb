package rules

import (
	"strings"

	"github.com/wranglint/wranglint/lint"
)

var unresolvedImport = register(&lint.Rule{
	ID:       "unresolved-import",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "a module of the Worker's graph imports a project file that does not exist",
		Why: "wrangler bundles main with esbuild before every deploy; an import that does not resolve fails the bundle " +
			"(`Could not resolve \"./x\"`), and with it the deploy. Packages are left to the package manager and are not " +
			"checked; `node:*` and `cloudflare:*` modules are provided by the runtime.",
		Bad:  `import { tools } from "./tool"; // the file is src/tools.ts`,
		Good: `import { tools } from "./tools";`,
	},
	Run: runUnresolvedImport,
})

func runUnresolvedImport(p *lint.Pass) {
	for _, w := range p.Project.Workers {
		for _, e := range w.Config.Envs {
			mod := w.Module(e)
			if mod == nil {
				continue
			}
			for _, bp := range mod.Problems {
				if !bp.Resolve || !bp.Span.Valid() {
					continue
				}
				msg := strings.ToLower(bp.Text[:1]) + bp.Text[1:]
				p.Report(bp.Span, nil, msg+" (imported from "+bp.Span.File.Rel+", in the module graph of main "+
					p.Project.Files.Rel(mod.Main)+"): wrangler's bundle, and so the deploy, fails", nil)
			}
		}
	}
}
