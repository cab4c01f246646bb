package rules

import (
	"bytes"
	"path"
	"path/filepath"
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "missing-class-export",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "a Durable Object or Workflow class is not exported by `main` under its `class_name`",
		Why: "The runtime looks the class up among the exports of the Worker's entry module. wrangler fails the deploy " +
			"(\"Your Worker depends on the following Durable Objects, which are not exported in your entrypoint file\"), " +
			"but only for the environment being deployed and only after a full bundle; with no_bundle it does not check at all. " +
			"`export { A as B }` exports B, so class_name must name what main exports, not what the class is called. " +
			"A class declared in main without export gets a fix that adds export. Only `export *` on main's own export chain can hide names: a star export of a package there keeps the rule silent (its exports are unknown here); one in a module main only imports from does not. A binding whose script_name names another Worker of the same repository is checked there: that Worker must export the class and create it in a migration.",
		Bad: `-- wrangler.jsonc --
{
  "name": "coder",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "compatibility_flags": ["nodejs_compat"],
  "durable_objects": {
    "bindings": [{ "name": "CoderAgent", "class_name": "CoderAgent" }]
  },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["CoderAgent"] }]
}
-- src/index.ts --
import { routeAgentRequest } from "agents";
import { CoderAgent } from "./agents/coder"; // imported, not exported

export default {
  async fetch(request: Request, env: Env) {
    return (await routeAgentRequest(request, env)) ?? new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;
-- src/agents/coder.ts --
import { Agent } from "agents";

export class CoderAgent extends Agent<Env> {}`,
		Good: `-- wrangler.jsonc --
{
  "name": "coder",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "compatibility_flags": ["nodejs_compat"],
  "durable_objects": {
    "bindings": [{ "name": "CoderAgent", "class_name": "CoderAgent" }]
  },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["CoderAgent"] }]
}
-- src/index.ts --
import { routeAgentRequest } from "agents";
export { CoderAgent } from "./agents/coder";

export default {
  async fetch(request: Request, env: Env) {
    return (await routeAgentRequest(request, env)) ?? new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;
-- src/agents/coder.ts --
import { Agent } from "agents";

export class CoderAgent extends Agent<Env> {}`,
		Fix:       "safe: add `export { X } from \"./module\"` to main when another project module exports the class",
		FixSafety: lint.FixSafe,
	},
	Run: runMissingClassExport,
})

// exportNeed is one class a binding or workflow needs main to export.
type exportNeed struct {
	env       *wrangler.Env
	className string
	node      *wrangler.Node
	what      string
}

func runMissingClassExport(p *lint.Pass) {
	for _, w := range p.Project.Workers {
		if w.TestHarness {
			continue // never deployed; its tests run it (vitest may give it another main)
		}
		for _, e := range w.Config.Envs {
			// what other Workers must export is known from the config alone,
			// even when this Worker's main is a build output not built yet
			checkRemoteClasses(p, e)
			mod := w.Module(e)
			if mod == nil || !mod.Built || e.Get("no_bundle").Truthy() {
				continue // no main, a failed bundle, or no_bundle: nothing is known
			}
			for _, need := range exportNeeds(e) {
				if !mod.ExportsName(need.className) && !openExports(p.Project, mod.Main, 0) {
					reportMissingExport(p, w, mod, need)
				}
			}
		}
	}
}

// checkRemoteClasses: a binding with script_name naming another Worker of
// this repository needs that Worker to export the class and create it in
// a migration.
func checkRemoteClasses(p *lint.Pass, e *wrangler.Env) {
	for _, b := range e.DurableObjects() {
		if b.Local() || b.ClassName == "" {
			continue
		}
		d, ok := p.Project.WorkerNamed(b.ScriptName)
		if !ok {
			continue // another repository's Worker: nothing is known
		}
		if _, removed := d.Env.Migrations().Removed[b.ClassName]; removed && d.Env.Migrations().Classes[b.ClassName] == nil {
			continue // its migrations delete it: binding-to-deleted-class reports that
		}
		mod := d.Worker.Module(d.Env)
		where := d.Label()
		switch {
		case mod != nil && mod.Built && !mod.ExportsName(b.ClassName) && !openExports(p.Project, mod.Main, 0):
			p.Report(b.ClassNode.Span, e, "class "+source.Quote(b.ClassName)+" of binding "+source.Quote(b.Name)+inEnv(e)+" lives in Worker "+
				source.Quote(b.ScriptName)+" ("+where+"), whose main ("+p.Project.Rel(mod.Main)+") does not export it: "+
				"the binding cannot be created and the deploy fails; export it from that Worker's main")
		case d.Env.Migrations().Classes[b.ClassName] == nil && !exportedClasses(d.Env)[b.ClassName]:
			p.Report(b.ClassNode.Span, e, "class "+source.Quote(b.ClassName)+" of binding "+source.Quote(b.Name)+inEnv(e)+" lives in Worker "+
				source.Quote(b.ScriptName)+" ("+where+"), where no migration creates it: the deploy fails with \"Cannot create binding for class\"; "+
				"add it to that Worker's migrations")
		}
	}
}

func exportNeeds(e *wrangler.Env) []exportNeed {
	var out []exportNeed
	for _, b := range e.DurableObjects() {
		if b.Local() && b.ClassName != "" {
			out = append(out, exportNeed{e, b.ClassName, b.ClassNode, "Durable Object binding " + source.Quote(b.Name)})
		}
	}
	for _, wf := range e.Workflows() {
		if wf.ScriptName == "" {
			out = append(out, exportNeed{e, wf.ClassName, wf.ClassNode, "workflow " + source.Quote(wf.Binding)})
		}
	}
	return out
}

func reportMissingExport(p *lint.Pass, w *project.Worker, mod *jscode.Module, need exportNeed) {
	mainRel := p.Project.Rel(mod.Main)
	msg := "class " + source.Quote(need.className) + " of " + need.what + inEnv(need.env) + " is not exported by main (" +
		mainRel + "): the deploy fails and the runtime cannot create the object"
	var fix *lint.Fix
	if c, sf, ok := declaredInMain(p.Project, mod, need.className); ok {
		msg = "class " + source.Quote(need.className) + " of " + need.what + inEnv(need.env) + " is declared in main (" + mainRel +
			") without export: the deploy fails and the runtime cannot create the object; write `export class " + need.className + "`"
		if c.KeywordAt >= 0 && sf.Syntax == nil {
			fix = &lint.Fix{Description: "export class " + source.Quote(need.className) + " in " + mainRel, Applicability: lint.Safe,
				Edits: []source.Edit{{File: sf.File, Start: c.KeywordAt, End: c.KeywordAt, New: "export "}}}
		}
	} else if src := exportedElsewhere(p.Project, mod, need.className); src != nil {
		line := reexportLine(p.Project, mod, need.className, src.File.Path)
		msg += "; " + src.File.Rel + " exports it: add `" + strings.TrimSpace(line) + "` to " + mainRel
		if sf := p.Project.Facts(mod.Main); sf != nil && sf.Syntax == nil {
			fix = &lint.Fix{Description: "add `" + strings.TrimSpace(line) + "` to " + mainRel, Applicability: lint.Safe,
				Edits: []source.Edit{{File: sf.File, Start: sf.InsertAt, End: sf.InsertAt, New: line}}}
		}
	} else if decl := declaredIn(p.Project, mod, need.className); decl != "" {
		msg += "; it is declared in " + decl + " but exported by no module: export it and re-export it from main"
	} else if len(mod.Exports) > 0 {
		if near := source.Closest(need.className, mod.Exports, 3); near != "" {
			msg += "; main exports " + source.Quote(near) + ": did you mean that?"
		}
	}
	p.Report(need.node.Span, need.env, msg, fix)
}

// openExports: main's own export chain (`export * from` followed through
// project modules) re-exports everything of a package. Packages stay
// outside the graph, so main may export any name: nothing can be said.
// A star export in a module main only imports from does not count.
func openExports(pr *project.Project, file string, hops int) bool {
	sf := pr.Facts(file)
	if sf == nil || hops > 16 {
		return false
	}
	for _, spec := range sf.StarExports {
		target := pr.ResolveModule(file, spec)
		if target == "" && !strings.HasPrefix(spec, ".") {
			return true // a package: its exports are unknown here
		}
		if target != "" && openExports(pr, target, hops+1) {
			return true
		}
	}
	return false
}

// declaredInMain finds a class declared in main itself without export.
func declaredInMain(pr *project.Project, mod *jscode.Module, name string) (jscode.ClassFact, *jscode.SourceFacts, bool) {
	sf := pr.Facts(mod.Main)
	if sf == nil {
		return jscode.ClassFact{}, nil, false
	}
	for _, c := range sf.Classes {
		if c.Name == name && !c.Exported {
			return c, sf, true
		}
	}
	return jscode.ClassFact{}, nil, false
}

// exportedElsewhere finds a module of main's graph that exports name.
func exportedElsewhere(pr *project.Project, mod *jscode.Module, name string) *jscode.SourceFacts {
	for _, in := range mod.Inputs {
		if in == mod.Main || !isScript(in) {
			continue
		}
		sf := pr.Facts(in)
		if sf == nil {
			continue
		}
		for _, ex := range sf.Exports {
			if ex.Name == name {
				return sf
			}
		}
	}
	return nil
}

// declaredIn finds `class Name` in main's graph, exported or not.
func declaredIn(pr *project.Project, mod *jscode.Module, name string) string {
	for _, in := range mod.Inputs {
		if !isScript(in) {
			continue
		}
		if sf := pr.Facts(in); sf != nil {
			for _, c := range sf.Classes {
				if c.Name == name {
					return sf.File.Rel
				}
			}
		}
	}
	return ""
}

func isScript(path string) bool {
	switch filepath.Ext(path) {
	case ".ts", ".tsx", ".js", ".jsx", ".mjs", ".mts", ".cjs", ".cts":
		return true
	}
	return false
}

// reexportLine writes `export { X } from "./path";` in main's own style.
func reexportLine(pr *project.Project, mod *jscode.Module, name, target string) string {
	return reexportSpecLine(pr, mod, name, target)
}

// reexportSpecLine writes `export { spec } from "./path";` (spec: "X",
// "default as X") in main's own style: its quotes and semicolons, and
// the extension its relative imports write ("./a", "./a.js", "./a.ts").
func reexportSpecLine(pr *project.Project, mod *jscode.Module, spec, target string) string {
	quote, semi, nl := byte('"'), true, "\n"
	if sf := pr.Facts(mod.Main); sf != nil && sf.Quote != 0 {
		quote, semi = sf.Quote, sf.Semi
	}
	if sf := pr.Facts(mod.Main); sf != nil && bytes.Contains(sf.File.Data, []byte("\r\n")) {
		nl = "\r\n" // the new line ends as main's lines do
	}
	rel, _ := filepath.Rel(filepath.Dir(mod.Main), target)
	rel = filepath.ToSlash(strings.TrimSuffix(rel, filepath.Ext(rel))) + importExtension(pr.Facts(mod.Main), filepath.Ext(target))
	if !strings.HasPrefix(rel, ".") {
		rel = "./" + rel
	}
	line := "export { " + spec + " } from " + string(quote) + rel + string(quote)
	if semi {
		line += ";"
	}
	return line + nl
}

// importExtension is the extension a new relative specifier of a file
// with extension ext takes in main: none, as bundler-resolved imports
// write it, unless main's own relative imports write one (".js" for
// TypeScript under NodeNext, ".ts" with allowImportingTsExtensions).
func importExtension(main *jscode.SourceFacts, ext string) string {
	if main == nil {
		return ""
	}
	for _, im := range main.Imports {
		if !strings.HasPrefix(im.Spec, ".") {
			continue
		}
		switch written := path.Ext(im.Spec); written {
		case ".js", ".mjs", ".cjs":
			switch ext { // the extension the compiled file has
			case ".ts", ".tsx", ".jsx":
				return ".js"
			case ".mts":
				return ".mjs"
			case ".cts":
				return ".cjs"
			}
			return ext
		case ".ts", ".tsx", ".mts", ".cts":
			return ext
		}
	}
	return ""
}
