package rules

import (
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "trigger-without-handler",
	Severity: lint.SeverityError,
	Requires: []*lint.Analysis{analyses.Entries},
	Doc: lint.Doc{
		Summary: "a cron trigger, queue consumer or tail consumer reaches a default export without `scheduled`, `queue`, `tail` or `tailStream`",
		Why: "Cloudflare delivers cron, queue-consumer and tail events to the default export of `main` only (wrangler registers them by script name, with no entrypoint), " +
			"and calls its `scheduled`, `queue`, `tail` (or the legacy `trace`) and, for `streaming_tail_consumers`, `tailStream` member (workerd global-scope.c++, queue.c++, trace-stream.c++). " +
			"A default export without it fails every event: \"Handler does not export a scheduled() function\" on each cron run (the deploy succeeds; the failure shows only in the cron's past events), " +
			"\"Handler does not export a queue() function.\" for each batch (the Queues API may also refuse the consumer with code 11001 \"Queue handler is missing\", after the new script is live; " +
			"JSONbored/metagraphed#9847 saw zero consumers and no error), \"Handler does not export a tail() function.\" for each tail event. wrangler (3.x to 4.164) checks none of this. " +
			"A Hono app or itty-router router exported as default answers fetch only; a `scheduled` exported by name is never called; an object that composes another handler (`{ fetch, scheduled }` around `handler`) " +
			"has only the members it lists or spreads. The rule follows `export { default } from`, `export *`, spreads of project objects, classes and their project bases, " +
			"withSentry and project wrapper functions one level deep; it stays silent when the default export cannot be told (--verbose lists it). " +
			"`triggers` is inherited by environments, `queues` and `tail_consumers` are not; one finding lists every environment that shares the mistake.",
		Bad: `-- wrangler.jsonc --
{
  "name": "reaper",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "triggers": { "crons": ["*/5 * * * *"] }
}
-- src/index.ts --
import { Hono } from "hono";

const app = new Hono();
app.get("/health", (c) => c.text("ok"));

export async function scheduled(controller: ScheduledController, env: Env) {
  await reapPendingDeliveries(env);
}

export default app;
`,
		Good: `-- wrangler.jsonc --
{
  "name": "reaper",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "triggers": { "crons": ["*/5 * * * *"] }
}
-- src/index.ts --
import { Hono } from "hono";

const app = new Hono();
app.get("/health", (c) => c.text("ok"));

export async function scheduled(controller: ScheduledController, env: Env) {
  await reapPendingDeliveries(env);
}

export default { fetch: app.fetch, scheduled };
`,
		Fix: "unsafe: `export default app` becomes `export default { fetch: app.fetch, scheduled }` when main exports the missing handler by name; " +
			"an object default export that delegates to another handler having the member gets `queue: handler.queue.bind(handler)`",
		FixSafety: lint.FixUnsafe,
	},
	Run: runTriggerWithoutHandler,
})

// triggerKind is one event kind and the handler that answers it.
type triggerKind struct {
	handler, alias string
	fails          string // what the runtime does without it
}

var (
	cronTrigger  = triggerKind{"scheduled", "", "every cron run fails (\"Handler does not export a scheduled() function\") and its work never happens"}
	queueTrigger = triggerKind{"queue", "", "no message is processed: the Queues API refuses the consumer (\"Queue handler is missing\", code 11001) or each batch fails " +
		"(\"Handler does not export a queue() function.\") until it is dead-lettered or dropped"}
	tailTrigger       = triggerKind{"tail", "trace", "every tail event fails (\"Handler does not export a tail() function.\")"}
	tailStreamTrigger = triggerKind{"tailStream", "", "the stream is stopped (\"does not export a tailStream() handler\"): a streaming tail consumer needs tailStream, not tail"}
)

type triggerGroup struct {
	kind  triggerKind
	lead  string // the sentence up to "the default export's <handler>()", without where
	where bool   // lead names the config and environments after it
	group *envGroup
}

func runTriggerWithoutHandler(p *lint.Pass) {
	ix := analyses.EntriesOf(p)
	var crons, queues groups
	for _, d := range deployments(p) {
		en := ix.For(d.Worker, d.Env)
		if en == nil {
			continue
		}
		if n := d.Env.Get("triggers").Get("crons"); len(n.Strings()) > 0 {
			crons.add(d.Worker, d.Env, n, en)
		}
		if n := d.Env.Get("queues").Get("consumers"); len(n.Objects()) > 0 {
			queues.add(d.Worker, d.Env, n, en)
		}
	}
	var all []triggerGroup
	for _, g := range crons.order {
		n := len(g.node.Strings())
		all = append(all, triggerGroup{kind: cronTrigger, group: g, where: true,
			lead: "the cron trigger" + pluralS(n) + " " + quoteList(nodeStrings(g.node.Strings())) + " of %s " + plural(n, "runs", "run")})
	}
	for _, g := range queues.order {
		var names []string
		for _, c := range g.node.Objects() {
			if q, ok := c.GetString("queue"); ok {
				names = append(names, q)
			}
		}
		all = append(all, triggerGroup{kind: queueTrigger, group: g, where: true,
			lead: "the consumer" + pluralS(len(names)) + " of queue" + pluralS(len(names)) + " " + quoteList(names) + " in %s " + plural(len(names), "delivers", "deliver") + " to"})
	}
	all = append(all, tailGroups(p, ix)...)
	for _, tg := range all {
		checkTrigger(p, ix, tg)
	}
}

// pluralS is "s" unless n is 1.
func pluralS(n int) string { return plural(n, "", "s") }

func nodeStrings(ns []*wrangler.Node) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Str
	}
	return out
}

// tailGroups finds the deployments other Workers name in tail_consumers
// (tail) and streaming_tail_consumers (tailStream).
func tailGroups(p *lint.Pass, ix *analyses.EntryIndex) []triggerGroup {
	byName := map[string][]deployment{}
	for _, d := range deployments(p) {
		if name := d.Env.WorkerName(); name != "" {
			byName[name] = append(byName[name], d)
		}
	}
	var out []triggerGroup
	for _, producer := range deployments(p) {
		for _, key := range []string{"tail_consumers", "streaming_tail_consumers"} {
			if !declares(producer.Env, key) {
				continue // not inherited: the top level's entries are its own
			}
			kind := tailTrigger
			if key == "streaming_tail_consumers" {
				kind = tailStreamTrigger
			}
			for _, tc := range producer.Env.Get(key).Objects() {
				svc, ok := tc.GetString("service")
				if !ok || tc.Get("environment") != nil {
					continue // a legacy service environment: not modelled
				}
				for _, target := range byName[svc] {
					en := ix.For(target.Worker, target.Env)
					if en == nil {
						continue
					}
					g := &envGroup{node: tc.Get("service"), entry: en, w: target.Worker, envs: []*wrangler.Env{target.Env}}
					out = append(out, triggerGroup{kind: kind, group: g,
						lead: "Worker " + source.Quote(producer.Env.WorkerName()) + " (" + producer.Label() + ") names " + source.Quote(svc) + " (" + target.Label() +
							") in " + key + ", so its " + map[string]string{"tail_consumers": "tail", "streaming_tail_consumers": "streaming tail"}[key] + " events go to"})
				}
			}
		}
	}
	return out
}

func checkTrigger(p *lint.Pass, ix *analyses.EntryIndex, tg triggerGroup) {
	g := tg.group
	h := g.entry.Default
	mainRel := p.Project.Rel(g.entry.Main)
	lead := tg.lead
	if tg.where {
		lead = strings.Replace(lead, "%s", g.w.Config.File.Rel+inEnvs(g.w, g.envs), 1)
	}
	lead += " the default export's " + tg.kind.handler + "()"
	if h == nil {
		if len(moduleExports(g.w, firstEnv(g.envs))) == 0 {
			return // no export at all: service-worker syntax, events go to its listeners
		}
		p.ReportRelated(g.node.Span, firstEnv(g.envs), lead+", but main ("+mainRel+") has no default export: "+tg.kind.fails+
			"; export default an object with "+tg.kind.handler+"()", nil)
		return
	}
	if h.Kind == analyses.HandlerUnknown || h.Open != "" {
		return // cannot be told: --verbose lists unknown defaults
	}
	if _, ok := h.Member(tg.kind.handler); ok {
		return
	}
	if _, ok := h.Member(tg.kind.alias); ok && tg.kind.alias != "" {
		return
	}
	if h.Kind == analyses.HandlerClass && !h.IsCloudflareBase("WorkerEntrypoint") {
		return // a class that is not a WorkerEntrypoint: nothing answers, a matter of its own
	}
	msg := lead + ", which main (" + mainRel + ") does not have: its default export is " +
		describeDefault(h) + "; " + tg.kind.fails
	var fix *lint.Fix
	if named := namedHandlers(g.entry, h); contains(named, tg.kind.handler) && h.Kind == analyses.HandlerApp {
		ident := g.entry.Facts.Entry.DefaultIdent
		repl := "{ fetch: " + identText(ident) + ".fetch, " + strings.Join(named, ", ") + " }"
		msg += "; main exports " + tg.kind.handler + " by name, which the runtime never calls: write `export default " + repl + "`"
		if ident.Valid() && g.entry.Facts.Syntax == nil {
			fix = &lint.Fix{Description: "export default " + repl, Applicability: lint.Unsafe,
				Edits: []source.Edit{{File: ident.File, Start: ident.Start, End: ident.End, New: repl}}}
		}
	} else if contains(named, tg.kind.handler) {
		msg += "; main exports " + tg.kind.handler + " by name, which the runtime never calls: make it a member of the default export"
	} else if local, ok := delegateWith(ix, h, tg.kind.handler); ok {
		member := tg.kind.handler + ": " + local + "." + tg.kind.handler + ".bind(" + local + ")"
		msg += "; the default export hands other events to " + local + ", which has " + tg.kind.handler + "(): add `" + member + "` to it"
		fix = insertMember(h, member)
	} else {
		msg += "; add " + tg.kind.handler + "() to the default export"
	}
	related := defaultRelated(p, g.entry, "the default export")
	p.ReportRelated(g.node.Span, firstEnv(g.envs), msg, related, fix)
}

// moduleExports lists what the deployment's main exports (esbuild's view).
func moduleExports(w *project.Worker, e *wrangler.Env) []string {
	if mod := w.Module(e); mod != nil {
		return mod.Exports
	}
	return nil
}

func identText(s source.Span) string {
	if s.Valid() {
		return s.Text()
	}
	return "app"
}

// describeDefault says what a default export is, for messages.
func describeDefault(h *analyses.Handler) string {
	switch h.Kind {
	case analyses.HandlerApp:
		return h.Describe() + ", which answers fetch only"
	case analyses.HandlerClass:
		return h.Describe() + " (extends " + h.Base.Name + ") with " + memberList(h)
	}
	return h.Describe() + " with " + memberList(h)
}

func memberList(h *analyses.Handler) string {
	names := h.MemberNames()
	if len(names) == 0 {
		return "no members"
	}
	if len(names) > 6 {
		names = append(names[:6], "...")
	}
	return strings.Join(names, ", ")
}

// handlerNames are the members the runtime calls on a default export.
var handlerNames = []string{"scheduled", "queue", "tail", "tailStream", "email"}

// namedHandlers lists the handlers main exports by name (as functions)
// that the default export lacks.
func namedHandlers(en *analyses.Entry, h *analyses.Handler) []string {
	var out []string
	for _, name := range handlerNames {
		if _, has := h.Member(name); has {
			continue
		}
		if ref, ok := en.Facts.Entry.NamedExport(name); ok {
			if v := en.Facts.Entry.Value(ref); v != nil && v.Kind == jscode.ValueFunction {
				out = append(out, name)
			}
		}
	}
	return out
}

// delegateWith finds a handler the default export's own functions call
// (`handler.fetch(...)` inside `fetch`) that has the missing member.
func delegateWith(ix *analyses.EntryIndex, h *analyses.Handler, member string) (string, bool) {
	if h.Kind != analyses.HandlerObject || h.File == nil {
		return "", false
	}
	for _, name := range h.MemberNames() {
		m := h.Members[name]
		if m.Func == nil || m.From != "" {
			continue
		}
		for _, d := range m.Func.Delegates {
			if d.Local == "" || strings.Contains(d.Local, ".") {
				continue
			}
			target := ix.Value(m.File, d.Object)
			if tm, ok := target.Member(member); ok && target.Kind == analyses.HandlerObject && tm.Kind != jscode.MemberValue && !tm.Static {
				return d.Local, true
			}
		}
	}
	return "", false
}

// insertMember adds `member,` before the first keyed member of an object
// literal default export, in the object's own layout.
func insertMember(h *analyses.Handler, member string) *lint.Fix {
	if h.File == nil || h.File.Syntax != nil || !h.Span.Valid() {
		return nil
	}
	v := h.File.Entry.Value(h.Value)
	if v == nil || v.Kind != jscode.ValueObject {
		return nil
	}
	at := h.Span.Start
	data := h.Span.File.Data
	lineStart := at
	for lineStart > 0 && (data[lineStart-1] == ' ' || data[lineStart-1] == '\t') {
		lineStart--
	}
	text := member + ", "
	if lineStart == 0 || data[lineStart-1] == '\n' {
		nl := "\n"
		if lineStart >= 2 && data[lineStart-2] == '\r' {
			nl = "\r\n"
		}
		text = member + "," + nl + string(data[lineStart:at])
	}
	return &lint.Fix{Description: "add `" + member + "` to the default export", Applicability: lint.Unsafe,
		Edits: []source.Edit{{File: h.Span.File, Start: at, End: at, New: text}}}
}
