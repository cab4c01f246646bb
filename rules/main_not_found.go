package rules

import (
	"path/filepath"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "main-not-found",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "`main` names a file that does not exist",
		Why: "wrangler dev and deploy stop at once when the entry point is missing, and with it every check of the " +
			"Worker's code (exports, imports, compatibility flags) is impossible. A path is resolved from the config's folder, " +
			"so a config moved into a subfolder, or an environment's own main, silently points elsewhere. A main that a " +
			"build produces is not reported: when `build.command` is set (wrangler runs it first) or when the path is " +
			"git-ignored (a build's output, such as dist/ or .open-next/). A main that names a folder is reported as such, with the " +
			"entry module in it that wrangler would suggest.",
		Bad: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts", // the entry point is src/server.ts
  "compatibility_date": "2025-10-01"
}
-- src/server.ts --
export default {
  async fetch() {
    return new Response("Hello");
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "api",
  "main": "src/server.ts",
  "compatibility_date": "2025-10-01"
}
-- src/server.ts --
export default {
  async fetch() {
    return new Response("Hello");
  },
} satisfies ExportedHandler<Env>;`,
	},
	Run: runMainNotFound,
})

func runMainNotFound(p *lint.Pass) {
	if p.Project.Options.ConfigOnly {
		return // the code is not beside the configs
	}
	for _, w := range p.Project.Workers {
		if w.Template {
			continue // its paths resolve where it will be rendered
		}
		for _, e := range w.Config.Envs {
			main := e.Own("main")
			if _, ok := main.String(); !ok {
				continue // inherited mains are reported where they are written
			}
			mod := w.Module(e)
			if mod == nil || mod.Exists {
				continue
			}
			if index, isFolder := w.MainFolder(e); isFolder {
				p.Report(main.Span, e, "main "+source.Quote(main.Str)+inEnv(e)+" is a folder, not a file (resolved from "+w.Config.File.Rel+" to "+
					p.Project.Rel(mod.Main)+"): wrangler dev and deploy stop with \"points to a directory, rather than a file\"; "+folderAdvice(w, index), nil)
				continue
			}
			if !builtByWrangler(p.Project, e, mod.Main) {
				p.Report(main.Span, e, "main "+source.Quote(main.Str)+inEnv(e)+" does not exist (resolved from "+
					w.Config.File.Rel+" to "+p.Project.Rel(mod.Main)+"): wrangler dev and deploy fail with no entry point", nil)
			}
		}
	}
}

// folderAdvice names the folder's index module as main, when it has one.
func folderAdvice(w *project.Worker, index string) string {
	rel, err := filepath.Rel(w.Config.Dir, index)
	if index == "" || err != nil {
		return "set main to the module that exports the Worker's handlers"
	}
	return "set main to its entry module, " + source.Quote(filepath.ToSlash(rel))
}

// builtByWrangler: the main file is produced by a build, so its absence
// before the build is expected.
func builtByWrangler(pr *project.Project, e *wrangler.Env, main string) bool {
	if cmd, _ := e.Get("build").GetString("command"); cmd != "" {
		return true
	}
	return pr.GitIgnored(main)
}
