package rules

import (
	"path/filepath"
	"strings"

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
			"git-ignored, or lies in a folder frameworks build into (.open-next, .svelte-kit, .output, .vercel, .nuxt, .astro, .alchemy, dist, build). Nor is the main of a config that " +
			"a Pages project keeps for its bindings and `wrangler d1` commands: the package beside it runs `wrangler pages` and never " +
			"`wrangler deploy`, `publish` or `dev`. A main written as a module specifier without an extension (@tanstack/react-start/server-entry) is resolved by the Cloudflare Vite plugin, not as a path, and is not reported. A main that names a folder is reported as such, with the " +
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
		if w.Template || w.TestHarness || p.Project.DeployedAsPages(w) {
			// a template's paths resolve where it is rendered; a Pages
			// project's config main is never deployed; a test harness's
			// main is resolved by Vite (vitest-pool-workers), from its root
			continue
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
			if packageEntry(main.Str) {
				continue // resolved by the Vite plugin as a module, not a path
			}
			if !builtByWrangler(p.Project, e, mod.Main) {
				p.Report(main.Span, e, "main "+source.Quote(main.Str)+inEnv(e)+" does not exist ("+resolvedFrom(p.Project, w, main.Str, mod.Main)+
					"): wrangler dev and deploy fail with no entry point", nil)
			}
		}
	}
}

// resolvedFrom says where main was looked for: an absolute path as
// written, a relative one from the config's folder.
func resolvedFrom(pr *project.Project, w *project.Worker, written, abs string) string {
	if strings.HasPrefix(written, "/") || filepath.IsAbs(written) {
		return "an absolute path: wrangler does not resolve it from " + w.Config.File.Rel
	}
	return "resolved from " + w.Config.File.Rel + " to " + pr.Rel(abs)
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
	return pr.GitIgnored(main) || inBuildOutput(main)
}

// buildOutputs are folders frameworks write a Worker's entry to before
// wrangler runs (OpenNext, SvelteKit, Nuxt/Nitro, Astro, Remix/React
// Router, Vercel's output, Vite builds): a main there is built, and a
// placeholder committed in the folder does not make it source.
var buildOutputs = map[string]bool{".open-next": true, ".svelte-kit": true, ".output": true, ".vercel": true,
	".nuxt": true, ".astro": true, ".alchemy": true, "dist": true, "build": true}

func inBuildOutput(main string) bool {
	for _, part := range strings.Split(filepath.ToSlash(main), "/") {
		if buildOutputs[part] {
			return true
		}
	}
	return false
}

// packageEntry: a main written without an extension and not as a path
// (`@tanstack/react-start/server-entry`), which the Cloudflare Vite plugin
// resolves through the bundler as a module specifier, not as a file.
func packageEntry(main string) bool {
	return !strings.HasPrefix(main, ".") && !strings.HasPrefix(main, "/") && filepath.Ext(main) == ""
}
