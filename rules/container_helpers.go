package rules

import (
	"bytes"

	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/source"

	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// containerApp is one containers[] entry of an environment.
type containerApp struct {
	Node      *wrangler.Node
	ClassName string
	ClassNode *wrangler.Node // nil when class_name is not a string
}

// containerApps lists an environment's containers (not inherited).
func containerApps(e *wrangler.Env) []containerApp {
	var out []containerApp
	for _, n := range e.Get("containers").Objects() {
		c := containerApp{Node: n}
		if s, ok := n.GetString("class_name"); ok {
			c.ClassName, c.ClassNode = s, n.Get("class_name")
		}
		out = append(out, c)
	}
	return out
}

// packageExportLine writes `export { name } from "module";` in the style
// of main's own module lines.
func packageExportLine(sf *jscode.SourceFacts, name, module string) string {
	quote, semi, nl := byte('"'), true, "\n"
	if sf.Quote != 0 {
		quote, semi = sf.Quote, sf.Semi
	}
	if bytes.Contains(sf.File.Data, []byte("\r\n")) {
		nl = "\r\n"
	}
	line := "export { " + name + " } from " + string(quote) + module + string(quote)
	if semi {
		line += ";"
	}
	return line + nl
}

// isLocalDurableObject: a class this deployment itself defines as a
// Durable Object (a local binding, a migration, or a declarative export).
func isLocalDurableObject(e *wrangler.Env, class string) bool {
	for _, b := range e.DurableObjects() {
		if b.Local() && b.ClassName == class {
			return true
		}
	}
	return e.Migrations().Classes[class] != nil || exportedClasses(e)[class]
}

// pathKindOf resolves a config path and says what Load found there.
func pathKindOf(pr *project.Project, w *project.Worker, s string) (string, project.PathKind) {
	abs := w.ResolvePath(s)
	return abs, pr.PathKind(abs)
}

// describeClass says what a class is, for messages: `class "X" extends
// Container (from @cloudflare/containers) through "Base" (src/base.ts)`,
// or, for a package class main re-exports, `class "Sandbox" (@cloudflare/
// sandbox's Sandbox, a Container)`.
func describeClass(pr *project.Project, name string, chain []analyses.ClassDecl, base sdk.ClassBase) string {
	if len(chain) == 0 {
		return "class " + source.Quote(name) + " (" + base.Module + "'s " + base.Name + ", re-exported by main)"
	}
	out := "class " + source.Quote(name) + " extends " + base.Name + " (from " + base.Module + ")"
	if len(chain) > 1 {
		last := chain[len(chain)-1]
		out += " through " + source.Quote(last.Name) + " (" + pr.Rel(last.File) + ")"
	}
	return out
}
