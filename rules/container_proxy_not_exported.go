package rules

import (
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var (
	// containerProxySince: the first @cloudflare/containers with outbound
	// interception through ctx.exports.ContainerProxy.
	containerProxySince = sdk.Version{Major: 0, Minor: 2}
	// hostListsSince: allowedHosts/deniedHosts and their runtime setters.
	hostListsSince = sdk.Version{Major: 0, Minor: 3}
	// ctxExportsDate turns ctx.exports on (workerd enableCtxExports).
	ctxExportsDate = "2025-11-17"
)

var _ = register(&lint.Rule{
	ID:       "container-proxy-not-exported",
	Severity: lint.SeverityError,
	Requires: []*lint.Analysis{analyses.Classes},
	Doc: lint.Doc{
		Summary: "a container class intercepts outbound traffic, but `main` does not export `ContainerProxy` (or the compatibility settings lack `ctx.exports`)",
		Why: "From @cloudflare/containers 0.2.0, outbound interception goes through `ctx.exports.ContainerProxy`: a class " +
			"that sets `static outbound`, `static outboundByHost` or `static outboundHandlers` (in its body or as " +
			"`MyContainer.outbound = ...`), or from 0.3.0 `allowedHosts`/`deniedHosts` or calls `setAllowedHosts`, " +
			"`setDeniedHosts`, `allowHost` or `denyHost`, makes the container's start await the interception setup, which " +
			"throws \"ctx.exports.ContainerProxy is undefined, export ContainerProxy from the containers package in your worker " +
			"entrypoint\" unless main has `export { ContainerProxy } from \"@cloudflare/containers\"` (README), and \"ctx.exports " +
			"is undefined, please try to update your compatibility date\" unless ctx.exports is on (compatibility_date " +
			"2025-11-17 or later, or the enable_ctx_exports flag; workerd compatibility-date.capnp). The container never starts. " +
			"Before 0.2.0 nothing is needed. The version is the installed (or locked) @cloudflare/containers; the class is found " +
			"through your own base classes and workspace packages. Interception set up only through RPC calls from other code is " +
			"not seen, and a star export of a package from main keeps the rule silent.",
		Bad: `-- wrangler.jsonc --
{
  "name": "box",
  "main": "src/index.ts",
  "compatibility_date": "2025-12-01",
  "containers": [{ "class_name": "Box", "image": "./Dockerfile" }],
  "durable_objects": { "bindings": [{ "name": "BOX", "class_name": "Box" }] },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["Box"] }]
}
-- Dockerfile --
FROM alpine
-- src/index.ts --
import { Container } from "@cloudflare/containers";

export class Box extends Container {
  defaultPort = 8080;
  static outboundByHost = {
    "api.example.com": () => new Response("intercepted"),
  };
}

export default {
  async fetch(request: Request, env: Env) {
    return env.BOX.getByName("main").fetch(request);
  },
} satisfies ExportedHandler<Env>;`,
		Good: `-- wrangler.jsonc --
{
  "name": "box",
  "main": "src/index.ts",
  "compatibility_date": "2025-12-01",
  "containers": [{ "class_name": "Box", "image": "./Dockerfile" }],
  "durable_objects": { "bindings": [{ "name": "BOX", "class_name": "Box" }] },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["Box"] }]
}
-- Dockerfile --
FROM alpine
-- src/index.ts --
import { Container } from "@cloudflare/containers";
export { ContainerProxy } from "@cloudflare/containers";

export class Box extends Container {
  defaultPort = 8080;
  static outboundByHost = {
    "api.example.com": () => new Response("intercepted"),
  };
}

export default {
  async fetch(request: Request, env: Env) {
    return env.BOX.getByName("main").fetch(request);
  },
} satisfies ExportedHandler<Env>;`,
		Fix:       "safe: add `export { ContainerProxy } from \"@cloudflare/containers\";` to main",
		FixSafety: lint.FixSafe,
	},
	Run: runContainerProxy,
})

// interception is the first place a container class sets up outbound
// interception, and the environments whose containers use it.
type interception struct {
	w     *project.Worker
	mod   *jscode.Module
	class string
	what  string
	span  source.Span
	envs  []*wrangler.Env
	apps  []*wrangler.Node
}

func runContainerProxy(p *lint.Pass) {
	byKey := map[string]*interception{}
	var order []*interception
	eachDeployedEnv(p, func(w *project.Worker, e *wrangler.Env) {
		mod := w.Module(e)
		if mod == nil || !mod.Built || e.Get("no_bundle").Truthy() {
			return
		}
		v := p.Project.PackageVersion(w, "@cloudflare/containers")
		if v.Found && v.Version.Less(containerProxySince) {
			return
		}
		for _, c := range containerApps(e) {
			if c.ClassNode == nil {
				continue
			}
			chain, base, ok := analyses.ClassesOf(p).Lineage(w, e, c.ClassName)
			if !ok || base.Module != "@cloudflare/containers" {
				continue
			}
			what, span, found := interceptionUse(p.Project, mod, chain, !v.Found || !v.Version.Less(hostListsSince))
			if !found {
				continue
			}
			key := mod.Main + "\x00" + what + "\x00" + span.String() // classes sharing a base share its finding
			if byKey[key] == nil {
				byKey[key] = &interception{w: w, mod: mod, class: c.ClassName, what: what, span: span}
				order = append(order, byKey[key])
			}
			if !containsEnv(byKey[key].envs, e) {
				byKey[key].envs = append(byKey[key].envs, e)
			}
			byKey[key].apps = append(byKey[key].apps, c.ClassNode)
		}
	})
	datesSeen := map[*wrangler.Node]bool{}
	for _, in := range order {
		if !in.mod.ExportsName("ContainerProxy") && !openExports(p.Project, in.mod.Main, 0) {
			reportProxyExport(p, in)
		}
		for _, e := range in.envs {
			reportCtxExports(p, in, e, datesSeen)
		}
	}
}

// interceptionUse finds, in the class and its project bases, what turns
// interception on.
func interceptionUse(pr *project.Project, mod *jscode.Module, chain []analyses.ClassDecl, hostLists bool) (string, source.Span, bool) {
	statics := map[string]bool{"outbound": true, "outboundByHost": true, "outboundHandlers": true}
	fields := map[string]bool{"allowedHosts": true, "deniedHosts": true}
	setters := map[string]bool{"setAllowedHosts": true, "setDeniedHosts": true, "allowHost": true, "denyHost": true}
	for _, cd := range chain {
		sf := pr.Facts(cd.File)
		if sf == nil {
			continue
		}
		for _, m := range sf.ClassMembers {
			if m.Class != cd.Name {
				continue
			}
			if m.Static && statics[m.Name] && (m.Kind != jscode.ClassField || m.Init) {
				return "static " + m.Name + " of " + source.Quote(cd.Name), m.Span, true
			}
			if hostLists && !m.Static && m.Kind == jscode.ClassField && m.Init && fields[m.Name] {
				return m.Name + " of " + source.Quote(cd.Name), m.Span, true
			}
		}
		for _, c := range sf.ThisCalls {
			if hostLists && c.Class == cd.Name && setters[c.Method] {
				return "this." + c.Method + "() in " + source.Quote(cd.Name), c.Span, true
			}
		}
	}
	// `MyContainer.outbound = handler` anywhere in main's graph
	for _, sf := range pr.GraphFacts(mod) {
		for _, m := range sf.ClassMembers {
			if m.Kind != jscode.ClassAssigned || !statics[m.Name] {
				continue
			}
			for _, cd := range chain {
				if m.Class == cd.Name {
					return cd.Name + "." + m.Name + " = ...", m.Span, true
				}
			}
		}
	}
	return "", source.Span{}, false
}

func reportProxyExport(p *lint.Pass, in *interception) {
	mainRel := p.Project.Rel(in.mod.Main)
	var fix *lint.Fix
	if sf := p.Project.Facts(in.mod.Main); sf != nil && sf.Syntax == nil {
		line := packageExportLine(sf, "ContainerProxy", "@cloudflare/containers")
		fix = &lint.Fix{Description: "add `" + strings.TrimSpace(line) + "` to " + mainRel, Applicability: lint.Safe,
			Edits: []source.Edit{{File: sf.File, Start: sf.InsertAt, End: sf.InsertAt, New: line}}}
	}
	span := in.span
	var related []lint.Related
	for _, n := range in.apps {
		cls, _ := n.String()
		related = append(related, lint.Related{Span: n.Span, Note: "the container of " + source.Quote(cls)})
	}
	if !span.Valid() { // the member could not be placed: report at the config
		span, related = in.apps[0].Span, related[1:]
	}
	p.ReportRelated(span, nil, in.what+" turns on outbound interception"+envList(in.envs)+", which reaches the Worker through "+
		"ctx.exports.ContainerProxy, but main ("+mainRel+") does not export ContainerProxy: the container's start throws "+
		"\"ctx.exports.ContainerProxy is undefined\" and it never runs; add `export { ContainerProxy } from \"@cloudflare/containers\"` to main",
		related, fix)
}

// reportCtxExports: ctx.exports must be on where the container runs.
func reportCtxExports(p *lint.Pass, in *interception, e *wrangler.Env, seen map[*wrangler.Node]bool) {
	dateNode := e.Get("compatibility_date")
	date, ok := dateNode.String()
	if !ok || seen[dateNode] {
		return // no date: compat-date-missing says so
	}
	on := date >= ctxExportsDate
	for _, f := range e.Get("compatibility_flags").Strings() {
		switch f.Str {
		case "enable_ctx_exports":
			on = true
		case "disable_ctx_exports":
			if date >= ctxExportsDate {
				on = false
			}
		}
	}
	if on {
		return
	}
	seen[dateNode] = true
	what := in.what
	var related []lint.Related
	if in.span.Valid() {
		what += " (" + in.span.Where() + ")"
		related = append(related, lint.Related{Span: in.span, Note: "interception set up here"})
	}
	p.ReportRelated(dateNode.Span, e, "compatibility_date "+source.Quote(date)+inEnv(e)+" is before "+ctxExportsDate+" and no "+
		"\"enable_ctx_exports\" flag turns ctx.exports on, but "+what+" needs it for outbound interception: "+
		"the container's start throws \"ctx.exports is undefined\"; move the date to "+ctxExportsDate+" or later, or add the flag",
		related)
}

// envList names the environments of a finding that several share.
func envList(envs []*wrangler.Env) string {
	var names []string
	for _, e := range envs {
		if e.IsTop() {
			names = append(names, "the top level")
		} else {
			names = append(names, e.Label())
		}
	}
	if len(names) <= 1 {
		return ""
	}
	return " (" + strings.Join(names, ", ") + ")"
}

func containsEnv(envs []*wrangler.Env, e *wrangler.Env) bool {
	for _, x := range envs {
		if x == e {
			return true
		}
	}
	return false
}
