package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/source"
)

var _ = register(&lint.Rule{
	ID:       "service-entrypoint-missing",
	Severity: lint.SeverityError,
	Requires: []*lint.Analysis{analyses.Entries},
	Doc: lint.Doc{
		Summary: "a service binding's `entrypoint` is not a named export of the target Worker that can answer it",
		Why: "`services[].entrypoint` names an export of the target Worker's `main`. Neither wrangler nor the API checks it at deploy; at run time a missing name " +
			"fails every call (workerd logs \"worker has no such named entrypoint\"), and `wrangler dev` refuses to start (\"... has no such named entrypoint\"). " +
			"The export must be a class extending WorkerEntrypoint (or WorkflowEntrypoint) or a plain object (workerd serves those too, against the RPC docs' " +
			"wording); a Durable Object class, or a class that extends nothing (which the runtime takes for one), fails with \"worker is not an actor but class " +
			"name was requested\". The target is the repository Worker deployed under the service's name (`<name>-<env>` for environments); names, re-exports and " +
			"base classes are followed across modules and workspace packages.",
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
		Fix:       "unsafe: the entrypoint becomes the target's export it nearly matches, when only one does",
		FixSafety: lint.FixUnsafe,
	},
	Run: runServiceEntrypointMissing,
})

func runServiceEntrypointMissing(p *lint.Pass) {
	ix := analyses.EntriesOf(p)
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
