package rules

import (
	"strconv"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/source"
)

var _ = register(&lint.Rule{
	ID:       "service-call-unanswered",
	Severity: lint.SeverityError,
	Requires: []*lint.Analysis{analyses.Entries},
	Doc: lint.Doc{
		Summary: "`env.X.method()` or `env.X.fetch()` on a service binding whose target Worker has no such method or handler",
		Why: "A service binding calls the target Worker's entrypoint (the named `entrypoint`, else the default export). workerd (worker-rpc.c++) lets RPC call " +
			"only the prototype methods of a WorkerEntrypoint class (class fields, such as arrow functions assigned in the body, are not callable: \"The RPC receiver " +
			"does not implement the method\"), the own function properties of a plain object declared with at most 3 parameters and called with one argument " +
			"(\"Cannot call handler function ... over RPC because it has the wrong number of arguments\"), and never the reserved names fetch, connect, alarm, " +
			"webSocketMessage, webSocketClose, webSocketError, dup, constructor; `fetch()` needs a fetch handler (\"Handler does not export a fetch() function.\"). " +
			"The rule reads every call on the binding in the caller's module graph (`env.X`, `c.env.X`, `this.env.X`, destructured or aliased), follows the " +
			"binding to the repository Worker deployed under the service's name, and speaks only when every member of the target is known (no unknown base " +
			"class, spread or computed key). RPC itself needs the caller's compatibility_date on or after 2024-04-03 or the `rpc` flag (otherwise " +
			"`env.X.method` is undefined). One finding per call, listing the deployments that ship it.",
		Bad: `-- api/wrangler.jsonc --
{
  "name": "api",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "services": [{ "binding": "USERS", "service": "users", "entrypoint": "UsersService" }]
}
-- api/src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    return Response.json(await env.USERS.getUser("42"));
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
  getUser = async (id: string) => ({ id });
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
    return Response.json(await env.USERS.getUser("42"));
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
  async getUser(id: string) {
    return { id };
  }
}

export default {
  async fetch() {
    return new Response("users");
  },
};
`,
	},
	Run: runServiceCallUnanswered,
})

// stubMethods are what a service binding's stub itself offers (connect
// opens a socket; scheduled and queue exist for tests).
var stubMethods = map[string]bool{"connect": true, "scheduled": true, "queue": true, "tail": true, "trace": true, "getRpcMethodForTestOnly": true}

// reservedRPC are names RPC refuses on any entrypoint.
var reservedRPC = map[string]bool{"fetch": true, "connect": true, "alarm": true, "webSocketMessage": true, "webSocketClose": true,
	"webSocketError": true, "dup": true, "constructor": true}

func runServiceCallUnanswered(p *lint.Pass) {
	ix := analyses.EntriesOf(p)
	wn := indexWorkerNames(p)
	var g callGroups
	type verdict struct {
		msg     string
		related []lint.Related
	}
	verdicts := map[*callGroup]verdict{}
	for _, sb := range serviceBindings(p) {
		for _, c := range bindingCalls(p, sb.dep, sb.binding) {
			if why := rpcUnavailable(sb, c); why != "" && c.Span.Valid() {
				g.add(c, sb, why)
				if cg := g.index[c.Span.String()+"\x00"+why]; verdicts[cg].msg == "" {
					verdicts[cg] = verdict{msg: "env." + sb.binding + "." + c.Method + "() is an RPC call, " + why,
						related: []lint.Related{{Span: sb.node.Span, Note: "the service binding"}}}
				}
			}
		}
		t, ok := wn.target(sb)
		if !ok {
			continue
		}
		en, h := targetHandler(ix, sb, t)
		if en == nil || !h.Known() || h.Kind == analyses.HandlerApp {
			continue
		}
		for _, c := range bindingCalls(p, sb.dep, sb.binding) {
			why := unanswered(h, c)
			if why == "" || !c.Span.Valid() {
				continue
			}
			target := "Worker " + source.Quote(sb.service) + " (" + t.Label() + ")"
			if sb.entrypoint != "" && sb.entrypoint != "default" {
				target = "entrypoint " + source.Quote(sb.entrypoint) + " of " + target
			} else {
				target = "the default export of " + target
			}
			g.add(c, sb, why)
			cg := g.index[c.Span.String()+"\x00"+why]
			if _, done := verdicts[cg]; !done {
				related := []lint.Related{{Span: sb.node.Span, Note: "the service binding"}}
				if h.Span.Valid() {
					related = append(related, lint.Related{Span: h.Span, Note: "the target"})
				}
				verdicts[cg] = verdict{msg: "env." + sb.binding + "." + c.Method + "() calls " + target + ", " + why, related: related}
			}
		}
	}
	for _, cg := range g.order {
		v := verdicts[cg]
		p.ReportRelated(cg.call.Span, cg.sbs[0].dep.Env, v.msg+" (called from "+deploymentsOf(cg.sbs)+")", v.related)
	}
}

// rpcCompatDate is the compatibility date from which service bindings
// carry RPC (flag rpc before it; workerd fetcherRpc).
const rpcCompatDate = "2024-04-03"

// rpcUnavailable says why an RPC call cannot work in the calling
// deployment: its compatibility date is before RPC and no rpc flag.
func rpcUnavailable(sb serviceBinding, c jscode.BindingCall) string {
	if c.Method == "fetch" || stubMethods[c.Method] {
		return ""
	}
	date, ok := sb.dep.Env.Get("compatibility_date").String()
	if !ok || len(date) != 10 || date >= rpcCompatDate {
		return ""
	}
	for _, f := range sb.dep.Env.Get("compatibility_flags").Strings() {
		if f.Str == "rpc" {
			return ""
		}
	}
	return "but RPC on service bindings needs compatibility_date " + rpcCompatDate + " or later (or the \"rpc\" flag), and this deployment's date is " + date +
		": env." + sb.binding + "." + c.Method + " is undefined (\"is not a function\"); raise the date"
}

// unanswered says why a call on a service binding fails ("" when it may
// not).
func unanswered(h *analyses.Handler, c jscode.BindingCall) string {
	if c.Method == "fetch" {
		if _, ok := h.Member("fetch"); ok {
			return ""
		}
		return describeTarget(h) + " has no fetch handler: every call fails (\"Handler does not export a fetch() function.\")"
	}
	if stubMethods[c.Method] {
		return ""
	}
	if reservedRPC[c.Method] {
		return "but " + source.Quote(c.Method) + " is a reserved name RPC never calls (\"is a reserved method and cannot be called over RPC\")"
	}
	m, ok := h.Member(c.Method)
	switch h.Kind {
	case analyses.HandlerClass:
		if actorClass(h) != "" || h.Base.Module == "" {
			return "" // not an entrypoint: service-entrypoint-missing's
		}
		switch {
		case !ok:
			return describeTarget(h) + " has no method " + source.Quote(c.Method) + ": the call fails (\"The RPC receiver does not implement the method\"); it has " + memberList(h)
		case m.Kind == jscode.MemberFunction || m.Kind == jscode.MemberValue:
			return "but " + source.Quote(c.Method) + " is a class field there, not a method, and RPC calls only prototype methods (\"The RPC receiver does not implement the method\"): write it as a method"
		}
	case analyses.HandlerObject:
		if h.ClassName != "" {
			return ""
		}
		switch {
		case !ok:
			return describeTarget(h) + " has no function " + source.Quote(c.Method) + ": the call fails; it has " + memberList(h)
		case m.Func != nil && (m.Func.Params > 3 || m.Func.Rest):
			return "but " + source.Quote(c.Method) + " is declared with more than 3 parameters there, and a plain object's function is callable over RPC only as (arg, env, ctx) " +
				"(\"Cannot call handler function ... over RPC because it has the wrong number of arguments\")"
		case m.Func != nil && c.Args != 1:
			return "with " + strconv.Itoa(c.Args) + " arguments, but a plain object's function takes exactly one over RPC (\"Attempted to call RPC function ... with the wrong number of arguments\")"
		}
	}
	return ""
}

func describeTarget(h *analyses.Handler) string {
	switch h.Kind {
	case analyses.HandlerClass:
		if h.ClassName != "" {
			return "but class " + h.ClassName
		}
		return "but that class"
	}
	return "but that object"
}
