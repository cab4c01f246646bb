package rules

import (
	"bytes"
	"slices"
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/source"
)

var _ = register(&lint.Rule{
	ID:       "service-entrypoint-missing",
	Severity: lint.SeverityError,
	Requires: []*lint.Analysis{analyses.Entries, analyses.Classes},
	Doc: lint.Doc{
		Summary: "a service binding's `entrypoint` is not a named export of the target Worker that can answer it",
		Why: "`services[].entrypoint` names an export of the target Worker's `main`. Neither wrangler nor the API checks it at deploy; at run time a missing name " +
			"fails every call (workerd logs \"worker has no such named entrypoint\"), and `wrangler dev` refuses to start (\"... has no such named entrypoint\"). " +
			"The export must be a class extending WorkerEntrypoint (or WorkflowEntrypoint) or a plain object (workerd serves those too, against the RPC docs' " +
			"wording); a Durable Object class, or a class that extends nothing (which the runtime takes for one), fails with \"worker is not an actor but class " +
			"name was requested\". The target is the repository Worker deployed under the service's name (`<name>-<env>` for environments); names, re-exports and " +
			"base classes are followed across modules and workspace packages. When main does not export the name but a class of that name extending " +
			"WorkerEntrypoint exists (in main's module graph, below the target's config, or elsewhere in the repository), the finding says where " +
			"(`file:line`).",
		Bad: `-- api/wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "services": [{ "binding": "USERS", "service": "users", "entrypoint": "UserService" }]
}
-- api/src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    return Response.json(await env.USERS.get("42"));
  },
};
-- users/wrangler.jsonc --
{
  "name": "users",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01"
}
-- users/src/index.ts --
import { WorkerEntrypoint } from "cloudflare:workers";

export class UsersService extends WorkerEntrypoint<Env> {
  async get(id: string) {
    return { id };
  }
}

export default {
  async fetch() {
    return new Response("users");
  },
};
`,
		Good: `-- api/wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "services": [{ "binding": "USERS", "service": "users", "entrypoint": "UsersService" }]
}
-- api/src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    return Response.json(await env.USERS.get("42"));
  },
};
-- users/wrangler.jsonc --
{
  "name": "users",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01"
}
-- users/src/index.ts --
import { WorkerEntrypoint } from "cloudflare:workers";

export class UsersService extends WorkerEntrypoint<Env> {
  async get(id: string) {
    return { id };
  }
}

export default {
  async fetch() {
    return new Response("users");
  },
};
`,
		Fix: "safe: when the named class exists in the target's folder (a class extending WorkerEntrypoint that main does not export), export it from main: " +
			"`export { X } from \"./path\"` after main's last import or re-export (`default as X` for a default export; `export` added to a class its module " +
			"does not export; `export class` when main declares it); unsafe: the entrypoint becomes the target's export it nearly matches, when only one does",
		FixSafety: lint.FixSafeAndUnsafe,
	},
	Run: runServiceEntrypointMissing,
})

func runServiceEntrypointMissing(p *lint.Pass) {
	ix := analyses.EntriesOf(p)
	ci := analyses.ClassesOf(p)
	wn := indexWorkerNames(p)
	for _, sb := range serviceBindings(p) {
		if sb.entrypoint == "" || sb.entrypoint == "default" || sb.entrypointNode == nil {
			continue
		}
		t, ok := wn.target(sb)
		if !ok {
			continue
		}
		mod := t.Worker.Module(t.Env)
		if mod == nil || !mod.Built || openExports(p.Project, mod.Main, 0) {
			continue
		}
		mainRel := p.Project.Rel(mod.Main)
		lead := "entrypoint " + source.Quote(sb.entrypoint) + " of service binding " + source.Quote(sb.binding) + inEnv(sb.dep.Env) + " is "
		target := "Worker " + source.Quote(sb.service) + " (" + t.Label() + ")"
		if !mod.ExportsName(sb.entrypoint) {
			msg := lead + "not exported by " + target + ", whose main (" + mainRel + ") exports " + exportList(mod.Exports) +
				": every call fails (\"no such named entrypoint\") and wrangler dev refuses to start"
			if decl, ok := entrypointElsewhere(p, ci, t, mod, sb.entrypoint); ok {
				reportUnexportedEntrypoint(p, ci, sb, t, mod, decl, msg)
				continue
			}
			var fix *lint.Fix
			if near := source.Closest(sb.entrypoint, mod.Exports, 2); near != "" && near != "default" {
				msg += "; did you mean " + source.Quote(near) + "?"
				fix = &lint.Fix{Description: "name entrypoint " + source.Quote(near), Applicability: lint.Unsafe,
					Edits: []source.Edit{{File: sb.entrypointNode.Span.File, Start: sb.entrypointNode.Span.Start, End: sb.entrypointNode.Span.End, New: configString(sb.entrypointNode, near)}}}
			}
			p.Report(sb.entrypointNode.Span, sb.dep.Env, msg, fix)
			continue
		}
		en := ix.For(t.Worker, t.Env)
		if en == nil {
			continue
		}
		h := en.Named(sb.entrypoint)
		if h == nil || h.Kind != analyses.HandlerClass || h.Open != "" && h.Base.Module == "" {
			continue
		}
		if why := actorClass(h); why != "" {
			var related []lint.Related
			if h.Span.Valid() {
				related = append(related, lint.Related{Span: h.Span, Note: "the class"})
			}
			p.ReportRelated(sb.entrypointNode.Span, sb.dep.Env, lead+"class "+source.Quote(h.ClassName)+" of "+target+", "+why+
				": every call fails (\"worker is not an actor but class name was requested\"); point the binding at a class extending WorkerEntrypoint", related)
		}
	}
}

// actorClass says why a class is a Durable Object class to the runtime
// ("" when it is an entrypoint or cannot be told).
func actorClass(h *analyses.Handler) string {
	switch {
	case h.IsCloudflareBase("WorkerEntrypoint"), h.IsCloudflareBase("WorkflowEntrypoint"), h.IsCloudflareBase("RpcTarget"):
		return ""
	case h.IsCloudflareBase("DurableObject"):
		return "which extends DurableObject"
	case (sdk.ClassBase{Module: h.Base.Module, Name: h.Base.Name}).IsPartyServer():
		return "which extends " + h.Base.Name + " from " + h.Base.Module + ", a Durable Object class"
	case h.Base.Module == "@cloudflare/containers" && h.Base.Name == "Container":
		return "which extends Container, a Durable Object class"
	case h.Base.Module == "" && h.Open == "":
		return "which extends no class, so the runtime takes it for a Durable Object class"
	}
	return ""
}

func exportList(exports []string) string {
	if len(exports) == 0 {
		return "nothing"
	}
	if len(exports) > 8 {
		return quoteList(append(append([]string(nil), exports[:8]...), "..."))
	}
	return quoteList(exports)
}

// entrypointElsewhere finds the class extending WorkerEntrypoint that a
// binding names but the target's main does not export: in main's module
// graph first, then below the target's config, then anywhere in the
// repository; ok only when one such class is the nearest.
func entrypointElsewhere(p *lint.Pass, ci *analyses.ClassIndex, t deployment, mod *jscode.Module, name string) (analyses.ClassDecl, bool) {
	var tiers [3][]analyses.ClassDecl
	for _, d := range ci.Declared(name) {
		if base, ok := ci.BaseOfDecl(d); !ok || base.Module != "cloudflare:workers" || base.Name != "WorkerEntrypoint" {
			continue
		}
		switch {
		case slices.Contains(mod.Inputs, d.File):
			tiers[0] = append(tiers[0], d)
		case inWorkerFolder(p, t, d.File):
			tiers[1] = append(tiers[1], d)
		default:
			tiers[2] = append(tiers[2], d)
		}
	}
	for _, tier := range tiers {
		if len(tier) > 0 {
			return tier[0], len(tier) == 1
		}
	}
	return analyses.ClassDecl{}, false
}

// inWorkerFolder: the nearest Worker folder above file is the target's
// (a Worker nested below it keeps its own files).
func inWorkerFolder(p *lint.Pass, t deployment, file string) bool {
	w := p.Project.WorkerOf(file, func(*project.Worker) bool { return true })
	return w != nil && w.Config.Dir == t.Worker.Config.Dir
}

// reportUnexportedEntrypoint: the class exists but main does not export
// it. The fix exports it from main (`export class` when main declares
// it, else a re-export line in main's style, with `export` added to the
// class when its module does not export it); a class outside the
// target's folder is only named (a path into another package is not
// this Worker's to take).
func reportUnexportedEntrypoint(p *lint.Pass, ci *analyses.ClassIndex, sb serviceBinding, t deployment, mod *jscode.Module, decl analyses.ClassDecl, msg string) {
	mainRel := p.Project.Rel(mod.Main)
	sf, main := p.Project.Facts(decl.File), p.Project.Facts(mod.Main)
	where := p.Project.Rel(decl.File)
	if decl.Span.Valid() {
		where = decl.Span.Where()
	}
	msg += "; class " + source.Quote(decl.Name) + ", which extends WorkerEntrypoint, is declared in " + where
	var related []lint.Related
	if decl.Span.Valid() {
		related = append(related, lint.Related{Span: decl.Span, Note: "the class"})
	}
	var fix *lint.Fix
	switch {
	case sf == nil || main == nil || sf.Syntax != nil || main.Syntax != nil:
	case decl.File == mod.Main:
		msg += " without export: write `export class " + decl.Name + "`"
		if decl.KeywordAt >= 0 {
			fix = &lint.Fix{Description: "export class " + source.Quote(decl.Name) + " in " + mainRel, Applicability: lint.Safe,
				Edits: []source.Edit{{File: sf.File, Start: decl.KeywordAt, End: decl.KeywordAt, New: "export "}}}
		}
	case !inWorkerFolder(p, t, decl.File):
		msg += ", outside that Worker's folder: export it from its main"
	default:
		var edits []source.Edit
		spec := decl.Name
		switch ci.ExportedAs(decl) {
		case "default":
			spec = "default as " + decl.Name
		case "":
			if decl.KeywordAt < 0 {
				break
			}
			edits = append(edits, source.Edit{File: sf.File, Start: decl.KeywordAt, End: decl.KeywordAt, New: "export "})
		}
		line := reexportSpecLine(p.Project, mod, spec, decl.File)
		if ci.ExportedAs(decl) == "" {
			msg += " without export: export it there and add `" + strings.TrimSpace(line) + "` to " + mainRel
		} else {
			msg += ": add `" + strings.TrimSpace(line) + "` to " + mainRel
		}
		if len(edits) > 0 || ci.ExportedAs(decl) != "" {
			at, text := appendModuleLine(main, line)
			edits = append(edits, source.Edit{File: main.File, Start: at, End: at, New: text})
			desc := "add `" + strings.TrimSpace(line) + "` to " + mainRel
			if len(edits) > 1 {
				desc = "export class " + source.Quote(decl.Name) + " in " + p.Project.Rel(decl.File) + " and " + desc
			}
			fix = &lint.Fix{Description: desc, Applicability: lint.Safe, Edits: edits}
		}
	}
	if fix != nil {
		p.ReportRelated(sb.entrypointNode.Span, sb.dep.Env, msg, related, fix)
		return
	}
	p.ReportRelated(sb.entrypointNode.Span, sb.dep.Env, msg, related)
}

// appendModuleLine places a new module line in main: after its last
// top-level import or re-export, or, with none, at the end of the file
// (after a blank line).
func appendModuleLine(main *jscode.SourceFacts, line string) (int, string) {
	if main.InsertAt > 0 {
		return main.InsertAt, line
	}
	data := main.File.Data
	nl := "\n"
	if bytes.Contains(data, []byte("\r\n")) {
		nl = "\r\n"
	}
	switch {
	case len(data) == 0:
	case data[len(data)-1] != '\n':
		line = nl + nl + line
	default:
		line = nl + line
	}
	return len(data), line
}
