package rules

import (
	"strings"

	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// compat is an environment's compatibility date and flags.
type compat struct {
	date  string // YYYY-MM-DD, "" when absent or malformed
	flags map[string]bool
	node  *wrangler.Node // compatibility_flags, when written
}

func compatOf(e *wrangler.Env) compat {
	c := compat{flags: map[string]bool{}, node: e.Get("compatibility_flags")}
	if n := e.Get("compatibility_date"); n != nil && n.Kind == wrangler.KindString && validDate(n.Str) {
		c.date = n.Str
	}
	for _, f := range c.node.Strings() {
		c.flags[f.Str] = true
	}
	return c
}

// onBy: the feature is on by its enable flag, or by the date unless the
// disable flag is set.
func (c compat) onBy(enable, disable, date string) bool {
	return c.flags[enable] || date != "" && c.date >= date && !c.flags[disable]
}

// nodejsCompat: the nodejs_compat feature (workerd's nodeJsCompat field),
// by flag or, from 2026-08-04, by default.
func (c compat) nodejsCompat() bool {
	return c.flags["nodejs_compat"] || c.flags["experimental:nodejs_compat"] || c.onBy("", "no_nodejs_compat", "2026-08-04")
}

// processEnvPopulated: workerd fills process.env with the Worker's vars
// and secrets (populateProcessEnv: implied by nodejs_compat on or after
// 2025-04-01, or set by its own flag together with nodejs_compat).
func (c compat) processEnvPopulated() bool {
	if !c.nodejsCompat() {
		return false
	}
	return c.onBy("nodejs_compat_populate_process_env", "nodejs_compat_do_not_populate_process_env", "2025-04-01")
}

// deployedEnvs lists the environments of a Worker that are deployed: all
// of them, unless the config only runs tests.
func deployedEnvs(w *project.Worker) []*wrangler.Env {
	if w.TestHarness || w.RoutingOnly {
		return nil
	}
	return w.Config.Envs
}

// deployedMain is the main module the Worker deploys (its first deployed
// environment's), "" when none.
func deployedMain(w *project.Worker) string {
	envs := deployedEnvs(w)
	if len(envs) == 0 {
		return ""
	}
	return w.MainPath(envs[0])
}

// graphFacts are the scans of the scripts an environment's code runs: its
// module graph and the project files reached through workspace packages
// and tsconfig aliases (nil without a graph).
func graphFacts(pr *project.Project, w *project.Worker, e *wrangler.Env) []*jscode.SourceFacts {
	m := w.Module(e)
	if m == nil || !m.Built {
		return nil
	}
	return pr.RuntimeFacts(m)
}

// envLabels names environments for a message: `the top level and env
// "staging"`.
func envLabels(envs []*wrangler.Env) string {
	labels := make([]string, len(envs))
	for i, e := range envs {
		labels[i] = e.Label()
	}
	return joinAnd(labels)
}

func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// deploymentName names a deployment in messages: its config and, for a
// named environment, the environment, with the deployed Worker name.
func deploymentName(w *project.Worker, e *wrangler.Env) string {
	s := w.Config.File.Rel
	if !e.IsTop() {
		s += " " + e.Label()
	}
	if name := e.WorkerName(); name != "" {
		s += " (Worker " + source.Quote(name) + ")"
	}
	return s
}

// configSpan is where a finding about an environment goes when no key of
// its own fits: the env.<name> key, or the top of the file.
func configSpan(e *wrangler.Env) source.Span {
	if !e.IsTop() {
		if m := e.Config.Root.Get("env").Member(e.Name); m != nil {
			return m.KeySpan
		}
	}
	span := e.Config.Root.Span
	span.End = span.Start + 1
	return span
}

// configEnvs names a config and some of its environments: `wrangler.jsonc`
// for the top level alone, else `wrangler.jsonc (the top level and env
// "staging")`.
func configEnvs(w *project.Worker, envs []*wrangler.Env) string {
	if len(envs) == 1 && envs[0].IsTop() {
		return w.Config.File.Rel
	}
	return w.Config.File.Rel + " (" + envLabels(envs) + ")"
}

// bindingReads are the env uses of a file that read the Worker's env
// object: not process.env or import.meta.env members, which the env-use
// scan also lists.
func bindingReads(sf *jscode.SourceFacts) []jscode.EnvUse {
	if len(sf.ProcessEnvReads) == 0 && len(sf.MetaEnvReads) == 0 {
		return sf.EnvUses
	}
	skip := map[int]bool{}
	for _, r := range sf.ProcessEnvReads {
		skip[r.Span.Start] = true
	}
	for _, s := range sf.MetaEnvReads {
		skip[s.Start] = true
	}
	var out []jscode.EnvUse
	for _, u := range sf.EnvUses {
		if !skip[u.Span.Start] {
			out = append(out, u)
		}
	}
	return out
}

// isPages: a Pages project's config, whose code and environments follow
// Pages' rules.
func isPages(w *project.Worker) bool { return w.Config.Root.Get("pages_build_output_dir") != nil }

// boundNames are the names an environment puts on env.
func boundNames(e *wrangler.Env) map[string]wrangler.Binding {
	out := map[string]wrangler.Binding{}
	for _, b := range e.Bindings() {
		if _, dup := out[b.Name]; !dup {
			out[b.Name] = b
		}
	}
	// service-worker modules named by top-level keys (each key a global
	// and, in module Workers, nothing on env; counted so as never to
	// call such a name unbound)
	for _, key := range []string{"wasm_modules", "text_blobs", "data_blobs"} {
		n := e.Config.Root.Get(key)
		if !n.IsObject() {
			continue
		}
		for _, m := range n.Members {
			if _, dup := out[m.Key]; !dup {
				out[m.Key] = wrangler.Binding{Kind: key, Name: m.Key, KeySpan: m.KeySpan, Node: m.Value}
			}
		}
	}
	return out
}
