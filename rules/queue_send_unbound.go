package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "queue-send-unbound",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "`env.X.send()` or `sendBatch()` where the deployment binds X as something that is not a queue producer, or not at all while a producer binding nearly matches or is the one the code never names",
		Why: "`send` and `sendBatch` exist only on a queue producer binding (`queues.producers[].binding`). On a KV namespace, R2 bucket, D1 database, Durable Object " +
			"namespace or a var the call throws `TypeError: env.X.send is not a function`; on a name the deployment does not bind, reading `send` of undefined throws. " +
			"`queues` is not inherited, so each environment needs its own producers. The rule reads every call in the Worker's module graph, judges it in each " +
			"environment that deploys it, and stays silent for the kinds that have (send_email, pipelines) or may have (services, unsafe) a `send` method, and for names bound nowhere unless a " +
			"producer binding differs from the name only in letter case, `-`/`_` or up to two characters, or the name is the only one the code sends on unbound " +
			"while exactly one producer binding is never named by the code (a renamed binding: when the code tests env.X first, nothing is ever enqueued and " +
			"nothing fails; otherwise another rule, or a secret set elsewhere, is the story).",
		Bad: `-- wrangler.jsonc --
{
  "name": "signup",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "queues": { "producers": [{ "binding": "WELCOME_EMAILS", "queue": "welcome-emails" }] }
}
-- src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    await env.WELCOME_EMAIL.send({ to: "a@example.com" });
    return new Response("ok");
  },
};
`,
		Good: `-- wrangler.jsonc --
{
  "name": "signup",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "queues": { "producers": [{ "binding": "WELCOME_EMAILS", "queue": "welcome-emails" }] }
}
-- src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    await env.WELCOME_EMAILS.send({ to: "a@example.com" });
    return new Response("ok");
  },
};
`,
		Fix:       "unsafe: the name in the code becomes the producer binding it nearly matches, when only one does",
		FixSafety: lint.FixUnsafe,
	},
	Run: runQueueSendUnbound,
})

// noSend are the binding kinds known to have no send() or sendBatch().
var noSend = map[string]bool{"kv_namespaces": true, "r2_buckets": true, "d1_databases": true, "durable_objects": true, "vars": true,
	"secrets": true, "hyperdrive": true, "vectorize": true, "analytics_engine_datasets": true, "workflows": true, "ai": true, "images": true,
	"version_metadata": true, "assets": true, "secrets_store_secrets": true, "ratelimits": true, "browser": true}

type sendVerdict struct {
	call    jscode.BindingCall
	msg     string
	fix     *lint.Fix
	deps    []deployment
	related []lint.Related
}

func runQueueSendUnbound(p *lint.Pass) {
	var order []*sendVerdict
	index := map[string]*sendVerdict{}
	for _, d := range deployments(p) {
		mod := d.Worker.Module(d.Env)
		if mod == nil || !mod.Built {
			continue
		}
		bound := map[string]wrangler.Binding{}
		var producers []string
		for _, b := range d.Env.Bindings() {
			if _, dup := bound[b.Name]; !dup {
				bound[b.Name] = b
			}
			if b.Kind == "queues" {
				producers = append(producers, b.Name)
			}
		}
		renamed := renamedProducer(p.Project.GraphFacts(mod), bound, producers)
		for _, sf := range p.Project.GraphFacts(mod) {
			if project.IsTestFile(sf.File.Path) {
				continue
			}
			for _, c := range sf.BindingCalls {
				if (c.Method != "send" && c.Method != "sendBatch") || !c.Span.Valid() {
					continue
				}
				msg, fix, related := judgeSend(c, bound, producers, sf)
				if msg == "" && renamed.from == c.Binding {
					msg, related = renamed.message(), []lint.Related{{Span: renamed.to.Span(), Note: "the producer binding no code uses"}}
				}
				if msg == "" {
					continue
				}
				key := c.Span.String() + "\x00" + msg
				v := index[key]
				if v == nil {
					v = &sendVerdict{call: c, msg: msg, fix: fix, related: related}
					index[key] = v
					order = append(order, v)
				}
				v.deps = append(v.deps, d)
			}
		}
	}
	for _, v := range order {
		var labels []string
		for _, d := range v.deps {
			labels = append(labels, d.Label())
		}
		p.ReportRelated(v.call.Span, v.deps[0].Env, "env."+v.call.Binding+"."+v.call.Method+"() "+v.msg+" (in "+joinComma(labels)+")", v.related, v.fix)
	}
}

// producerRename is a send on a name the deployment does not bind, paired
// with its only producer binding that the code never names.
type producerRename struct {
	from    string
	to      wrangler.Binding
	guarded bool // the code tests the name before it sends: nothing is sent, silently
}

func (r producerRename) message() string {
	effect := "throws: " + source.Quote(r.from) + " is not bound there, so env." + r.from + " is undefined"
	if r.guarded {
		effect = "never sends: " + source.Quote(r.from) + " is not bound there, and the code tests env." + r.from + " first, so nothing is enqueued and no error is raised"
	}
	return effect + "; the one queue producer binding there that the code never names is " + source.Quote(r.to.Name) + ": the binding was renamed; bind the producer as " + source.Quote(r.from)
}

// renamedProducer finds the one unbound name the graph sends on and the
// one producer binding it never names, when there is exactly one of each.
func renamedProducer(graph []*jscode.SourceFacts, bound map[string]wrangler.Binding, producers []string) producerRename {
	named := map[string]bool{}
	unbound := map[string]bool{}
	tested := map[string]bool{}
	for _, sf := range graph {
		for _, u := range sf.EnvUses {
			named[u.Name] = true
			tested[u.Name] = tested[u.Name] || u.Guarded
		}
		for _, c := range sf.BindingCalls {
			named[c.Binding] = true
			if _, ok := bound[c.Binding]; !ok && (c.Method == "send" || c.Method == "sendBatch") {
				unbound[c.Binding] = true
			}
		}
	}
	var orphans []string
	for _, name := range producers {
		if !named[name] {
			orphans = append(orphans, name)
		}
	}
	if len(orphans) != 1 || len(unbound) != 1 {
		return producerRename{}
	}
	from := source.SortedKeys(unbound)[0]
	return producerRename{from: from, to: bound[orphans[0]], guarded: tested[from]}
}

// judgeSend says why a send on a binding fails in one deployment.
func judgeSend(c jscode.BindingCall, bound map[string]wrangler.Binding, producers []string, sf *jscode.SourceFacts) (string, *lint.Fix, []lint.Related) {
	if b, ok := bound[c.Binding]; ok {
		if !noSend[b.Kind] {
			return "", nil, nil // a queue, or a kind that has a send() of its own (send_email, pipelines) or may (services, unsafe)
		}
		return "throws: " + source.Quote(c.Binding) + " is a " + source.Quote(b.Kind) + " binding there, which has no " + c.Method + "() (\"is not a function\"); a queue producer is bound under queues.producers",
			nil, []lint.Related{{Span: b.Span(), Note: "the binding"}}
	}
	var near []string
	for _, name := range producers {
		if nearName(c.Binding, name) {
			near = append(near, name)
		}
	}
	if len(near) != 1 {
		return "", nil, nil
	}
	msg := "throws: " + source.Quote(c.Binding) + " is not bound there, so env." + c.Binding + " is undefined; the queue producer binding is " + source.Quote(near[0])
	var fix *lint.Fix
	if name, ok := bindingNameSpan(sf, c); ok {
		fix = &lint.Fix{Description: "send through " + source.Quote(near[0]), Applicability: lint.Unsafe,
			Edits: []source.Edit{{File: name.File, Start: name.Start, End: name.End, New: near[0]}}}
	}
	return msg, fix, nil
}

// bindingNameSpan places the binding's name in `env.X.send(`: the env use
// just before the method, when it is written as a plain property.
func bindingNameSpan(sf *jscode.SourceFacts, c jscode.BindingCall) (source.Span, bool) {
	for _, u := range sf.EnvUses {
		if u.Name != c.Binding || u.Quoted || u.Shorthand {
			continue
		}
		between := string(sf.File.Data[u.Span.End:c.Span.Start])
		if between == "." || between == "?." {
			return u.Span, true
		}
	}
	return source.Span{}, false
}
