package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// pagesFields are the keys a Pages config may hold (workers-utils
// validation-pages.ts, unchanged since wrangler 3.114/4.x added no_bundle
// in March 2025).
var pagesFields = setOfKeys("pages_build_output_dir", "name", "compatibility_date", "compatibility_flags", "send_metrics",
	"no_bundle", "limits", "placement", "vars", "durable_objects", "kv_namespaces", "queues", "r2_buckets", "d1_databases",
	"vectorize", "hyperdrive", "services", "analytics_engine_datasets", "ai", "version_metadata", "dev", "mtls_certificates",
	"browser", "upload_source_maps")

// workerFields are the other keys of wrangler's normalised config (an
// environment's keys and the top-level ones): a Pages config that sets
// one is refused. Keys wrangler does not know at all are dropped before
// that check (unknown-field reports them).
var workerFields = setOfKeys("access", "account_id", "agent_memory", "ai_search", "ai_search_namespaces", "artifacts", "assets",
	"base_dir", "build", "cache", "cloudchamber", "compliance_region", "connect", "containers", "define", "dispatch_namespaces",
	"exports", "find_additional_modules", "first_party_worker", "flagship", "images", "jsx_factory", "jsx_fragment", "keep_names",
	"logfwdr", "logpush", "main", "media", "migrations", "minify", "pipelines", "preserve_file_names", "preview_urls", "previews",
	"python_modules", "ratelimits", "route", "routes", "rules", "secrets", "secrets_store_secrets", "send_email", "stream",
	"streaming_tail_consumers", "tail_consumers", "triggers", "tsconfig", "unsafe", "unsafe_hello_world", "vpc_networks",
	"vpc_services", "websearch", "worker_loaders", "workers_dev", "workflows", "dependencies_instrumentation", "keep_vars",
	"addresses", "site", "alias", "wasm_modules", "text_blobs", "data_blobs")

func setOfKeys(keys ...string) map[string]bool {
	out := map[string]bool{}
	for _, k := range keys {
		out[k] = true
	}
	return out
}

var _ = register(&lint.Rule{
	ID:       "pages-config-unsupported",
	Severity: lint.SeverityError,
	Doc: lint.Doc{
		Summary: "a Pages config (`pages_build_output_dir`) names an environment other than `preview` and `production`, or sets a key Pages does not support",
		Why: "wrangler (3.45.0 and later) validates a config with pages_build_output_dir as a Pages project's, and refuses " +
			"`pages deploy`, `pages dev` and Pages builds on any error (workers-utils validation-pages.ts): environments other " +
			"than preview and production (\"The supported named-environments for Pages are \\\"preview\\\" and " +
			"\\\"production\\\"\"), any key outside Pages' list (\"Configuration file for Pages projects does not support " +
			"\\\"<field>\\\"\": routes, triggers, assets, main, migrations, account_id, observability, build, ...), queue " +
			"consumers, Durable Object bindings without script_name (Pages cannot define a Durable Object), and a missing " +
			"top-level name. Keys left at wrangler's default value (an empty list) are not refused and not reported. Pages' list " +
			"is that of wrangler 4.x (stable since March 2025, when no_bundle joined it).",
		Bad: `-- wrangler.toml --
name = "site"
pages_build_output_dir = "./dist"
compatibility_date = "2025-10-01"
workers_dev = true

[env.staging.vars]
MODE = "staging"`,
		Good: `-- wrangler.toml --
name = "site"
pages_build_output_dir = "./dist"
compatibility_date = "2025-10-01"

[env.preview.vars]
MODE = "staging"`,
	},
	Run: func(p *lint.Pass) {
		for _, w := range p.Project.Workers {
			if !w.IsPages() {
				continue
			}
			root := w.Config.Root
			if name, ok := root.GetString("name"); !ok || name == "" {
				at := root.Member("pages_build_output_dir").KeySpan
				p.Report(at, nil, "Pages config has no top-level name: wrangler refuses it (\"Missing top-level field \\\"name\\\"\"); "+
					"set name to the Pages project's name (environments of a Pages project share it)")
			}
			checkPagesKeys(p, w.Config.Top())
			for _, e := range w.Config.Envs[1:] {
				if e.Name != "preview" && e.Name != "production" {
					m := root.Get("env").Member(e.Name)
					msg := "Pages projects have only the environments \"preview\" and \"production\": wrangler refuses the config " +
						"(\"environment names that are not supported by Pages projects\") for every Pages command"
					if e.Name == "staging" || e.Name == "dev" || e.Name == "development" || e.Name == "prod" {
						msg += "; preview deployments (every branch but the production one) use env.preview"
					}
					p.Report(m.KeySpan, nil, "env "+source.Quote(e.Name)+" in a Pages config: "+msg)
					continue
				}
				checkPagesKeys(p, e)
			}
		}
	},
})

// checkPagesKeys reports the keys of one section Pages refuses.
func checkPagesKeys(p *lint.Pass, e *wrangler.Env) {
	for _, m := range e.Node.Members {
		switch {
		case m.Key == "main":
			p.Report(m.KeySpan, e, "a Pages config cannot set main"+inEnvSuffix(e)+": wrangler refuses \"both \\\"main\\\" and "+
				"\\\"pages_build_output_dir\\\"\"; a Pages project's code is functions/ or _worker.js in the output folder (remove "+
				"main), or deploy a Worker (remove pages_build_output_dir)")
		case m.Key == "queues":
			if cs := m.Value.Get("consumers"); cs.IsArray() && len(cs.Items) > 0 {
				p.Report(m.Value.Member("consumers").KeySpan, e, "Pages Functions cannot consume queues"+inEnvSuffix(e)+": wrangler refuses "+
					"the config (\"does not support \\\"queues.consumers\\\"\"); consume the queue in a Worker")
			}
		case m.Key == "durable_objects":
			for _, b := range e.DurableObjects() {
				if b.Node.Get("script_name") == nil {
					p.Report(b.NameNode.Span, e, "Durable Object binding "+source.Quote(b.Name)+inEnvSuffix(e)+" has no script_name: "+
						"Pages cannot define a Durable Object, and wrangler refuses the config (\"Durable Objects bindings should "+
						"specify a \\\"script_name\\\"\"); name the Worker that defines "+source.Quote(b.ClassName))
				}
			}
		case workerFields[m.Key] && !pagesFields[m.Key] && !defaultValue(m.Key, m.Value):
			p.Report(m.KeySpan, e, source.Quote(m.Key)+inEnvSuffix(e)+" is not supported in a Pages config: wrangler refuses it "+
				"(\"Configuration file for Pages projects does not support \\\""+m.Key+"\\\"\") and the Pages deploy fails; set it in "+
				"the Pages dashboard if Pages has it, or remove it")
		}
	}
}

// defaultValue: values wrangler normalises to its default, which the
// Pages check skips: an empty list or object, observability on, the JSX
// defaults.
func defaultValue(key string, n *wrangler.Node) bool {
	switch {
	case n == nil:
		return true
	case n.IsArray() && len(n.Items) == 0, n.IsObject() && len(n.Members) == 0:
		return true
	case key == "observability" && n.IsObject() && len(n.Members) == 1 && n.Get("enabled").Truthy():
		return true
	case key == "jsx_factory" && n.Str == "React.createElement", key == "jsx_fragment" && n.Str == "React.Fragment":
		return true
	}
	return false
}
