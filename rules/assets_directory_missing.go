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
	ID:       "assets-directory-missing",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "`assets` has no `directory`, or it names a folder that does not exist and that no build writes",
		Why: "wrangler deploy and dev stop at once: \"The directory specified by the \\\"assets.directory\\\" field in your " +
			"configuration file does not exist\" (or \"... is missing the required `directory` property\", \"... doesn't point " +
			"to a directory\"). The path is resolved from the config's folder, so a config moved into a package, or a " +
			"folder that lives at the repository's root, silently points elsewhere. A folder a build writes is not " +
			"reported: git-ignored (dist/, build/, .open-next/), named by a package.json script of the package (or of the " +
			"package that holds the folder), the default output of the build tool a script runs (vite and astro: dist), " +
			"or any folder when `build.command` is set. With @cloudflare/vite-plugin (the vite config beside the wrangler " +
			"config imports it) the rule is silent: the plugin writes its own deploy config with its client build output " +
			"as assets.directory, and its documentation says the input config need not name one (a `wrangler deploy` run " +
			"without a fresh `vite build` would still fail; that is a deploy procedure, not a config, mistake).",
		Bad: `-- wrangler.jsonc --
{
  "name": "site",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "assets": { "directory": "public" } // the files are in static/
}
-- src/index.ts --
export default {
  async fetch() {
    return new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;
-- static/index.html --
<!doctype html><title>site</title>`,
		Fix:       "unsafe: where a folder of the same name exists in a folder above (up to the repository's root), the path is rewritten to it",
		FixSafety: lint.FixUnsafe,
		Good: `-- wrangler.jsonc --
{
  "name": "site",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "assets": { "directory": "static" }
}
-- src/index.ts --
export default {
  async fetch() {
    return new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;
-- static/index.html --
<!doctype html><title>site</title>`,
	},
	Run: runAssetsDirectoryMissing,
})

func runAssetsDirectoryMissing(p *lint.Pass) {
	if p.Project.Options.ConfigOnly {
		return // the folders are not beside the configs
	}
	for _, w := range p.Project.Workers {
		if w.TestHarness || w.RoutingOnly || isPages(w) || p.Project.UsesVitePlugin(w) {
			continue
		}
		for _, e := range w.Config.Envs {
			assets := e.Own("assets")
			if assets == nil || !assets.IsObject() {
				continue // inherited assets are reported where written
			}
			cmd, _ := e.Get("build").GetString("command")
			checkAssetsDir(p, w, e, assets, cmd)
		}
	}
}

// checkAssetsDir judges the folder; buildCmd is the config's build.command,
// which wrangler runs first: a folder it may write is reported only when it
// is a near miss of one that exists and the command names neither it nor a
// tool whose default output it is.
func checkAssetsDir(p *lint.Pass, w *project.Worker, e *wrangler.Env, assets *wrangler.Node, buildCmd string) {
	dirNode := assets.Get("directory")
	if dirNode == nil {
		m := e.Node.Member("assets")
		p.Report(m.KeySpan, e, "assets"+inEnv(e)+" has no \"directory\": wrangler deploy and dev fail (\"The `assets` property in your "+
			"configuration is missing the required `directory` property\"); add the folder of the static files", nil)
		return
	}
	a, ok := p.Project.AssetsDir(w, e)
	if !ok {
		return
	}
	rel := p.Project.Rel(a.Path)
	switch {
	case a.IsFile:
		p.Report(dirNode.Span, e, "assets.directory "+source.Quote(dirNode.Str)+inEnv(e)+" is a file ("+rel+"), not a folder: wrangler deploy "+
			"and dev fail (\"doesn't point to a directory\"); name the folder that holds the static files", nil)
	case a.Exists || a.Ignored || builtByScript(a):
		return
	case buildCmd != "" && (a.Nearby == "" || commandBuilds(buildCmd, w.Config.Dir, a.Path)):
		return // the build may write it
	default:
		advice, fix := "point it at the folder of the static files, relative to "+w.Config.File.Rel, (*lint.Fix)(nil)
		if a.Nearby != "" {
			if r, err := filepath.Rel(w.Config.Dir, a.Nearby); err == nil {
				r = filepath.ToSlash(r)
				advice = "the folder " + p.Project.Rel(a.Nearby) + " exists: written from " + w.Config.File.Rel + " it is " + source.Quote(r)
				fix = &lint.Fix{Description: "point assets.directory at " + source.Quote(r), Applicability: lint.Unsafe,
					Edits: []source.Edit{quotedEdit(dirNode.Span, r)}}
			}
		}
		builders := "no package.json script builds it"
		if buildCmd != "" {
			builders = "neither build.command nor a package.json script names it"
		}
		p.Report(dirNode.Span, e, "assets.directory "+source.Quote(dirNode.Str)+inEnv(e)+" does not exist (resolved from "+
			w.Config.File.Rel+" to "+rel+"), is not git-ignored, and "+builders+": wrangler deploy and dev fail "+
			"(\"The directory specified by the \\\"assets.directory\\\" field in your configuration file does not exist\"); "+advice, fix)
	}
}

// defaultOutputs are the folders build tools write when no output option
// is given, by the command a script runs.
var defaultOutputs = map[string]string{
	"vite": "dist", "astro": "dist", "ng": "dist", "parcel": "dist", "webpack": "dist", "rollup": "dist",
	"react-router": "build", "remix": "build", "docusaurus": "build", "react-scripts": "build",
	"hugo": "public", "gatsby": "public", "eleventy": "_site", "jekyll": "_site",
	"nuxt": ".output", "nuxi": ".output", "opennextjs-cloudflare": ".open-next", "next": "out",
}

var scriptWords = source.LazyRegexp(`[A-Za-z0-9_@./:-]+`)

// commandBuilds: a build command names the folder (relative to the
// config's folder), a folder inside it, or runs a tool whose default output
// it is.
func commandBuilds(cmd, dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	if err != nil || strings.HasPrefix(rel, "..") {
		return true // outside the Worker's folder: cannot tell
	}
	return scriptBuilds(cmd, filepath.ToSlash(rel))
}

// scriptBuilds: a shell command names rel (a folder path), a folder of it
// or inside it, or runs a tool whose default output is its first segment.
func scriptBuilds(script, rel string) bool {
	first, _, _ := strings.Cut(rel, "/")
	for _, word := range scriptWords().FindAllString(script, -1) {
		for _, part := range strings.Split(word, "=") { // --outdir=public/dist
			w := strings.TrimPrefix(strings.TrimSuffix(part, "/"), "./")
			if w == rel || w == first || strings.HasSuffix(w, "/"+rel) || strings.HasPrefix(rel, w+"/") && w != "" && w != "." ||
				strings.HasPrefix(w, rel+"/") {
				return true
			}
			if out, ok := defaultOutputs[w]; ok && out == first {
				return true
			}
		}
	}
	return false
}

// builtByScript: a package.json script of a package holding the folder
// names it, or runs a build tool whose default output it is.
func builtByScript(a project.AssetsDir) bool {
	for _, pkg := range a.Packages {
		rel, err := filepath.Rel(filepath.Dir(pkg.Path), a.Path)
		if err != nil || strings.HasPrefix(rel, "..") {
			continue
		}
		rel = filepath.ToSlash(rel)
		for _, script := range pkg.Scripts {
			if scriptBuilds(script, rel) {
				return true
			}
		}
	}
	return false
}
