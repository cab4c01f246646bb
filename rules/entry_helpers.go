package rules

import (
	"sort"
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// Helpers of the rules about a Worker's entry and what it must answer
// (triggers, services, queues).

// deployment is a Worker environment that deploys: not a test harness,
// not a Worker loaded only for routing.
type deployment = project.Deployment

// deployments lists every environment that deploys, in config order.
func deployments(p *lint.Pass) []deployment {
	var out []deployment
	for _, w := range p.Project.Workers {
		if w.TestHarness || w.RoutingOnly {
			continue
		}
		for _, e := range w.Config.Envs {
			out = append(out, deployment{Worker: w, Env: e})
		}
	}
	return out
}

// envGroup gathers the environments that share one config place and one
// main: one mistake, reported once, listing them.
type envGroup struct {
	node  *wrangler.Node
	entry *analyses.Entry
	w     *project.Worker
	envs  []*wrangler.Env
}

// groupByNode groups deployments by the config node they read and their
// entry, keeping first-seen order.
type groups struct {
	order []*envGroup
	index map[string]*envGroup
}

func (g *groups) add(w *project.Worker, e *wrangler.Env, n *wrangler.Node, en *analyses.Entry) {
	if g.index == nil {
		g.index = map[string]*envGroup{}
	}
	key := n.Span.String() + "\x00" + en.Main
	if eg, ok := g.index[key]; ok {
		eg.envs = append(eg.envs, e)
		return
	}
	eg := &envGroup{node: n, entry: en, w: w, envs: []*wrangler.Env{e}}
	g.index[key] = eg
	g.order = append(g.order, eg)
}

// envNames writes the environments of a group for messages: `the top
// level`, `env "staging"`, `the top level and env "staging"`.
func envNames(envs []*wrangler.Env) string {
	var parts []string
	for _, e := range envs {
		parts = append(parts, e.Label())
	}
	switch len(parts) {
	case 1:
		return parts[0]
	case 2:
		return parts[0] + " and " + parts[1]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// inEnvs is inEnv for a group: "" when the top level alone.
func inEnvs(w *project.Worker, envs []*wrangler.Env) string {
	if len(envs) == 1 && envs[0].IsTop() {
		return ""
	}
	return " (" + envNames(envs) + ")"
}

// firstEnv is the environment a grouped finding is filed under.
func firstEnv(envs []*wrangler.Env) *wrangler.Env { return envs[0] }

// quoteList writes strings quoted and joined: "a", "b" and "c".
func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = source.Quote(s)
	}
	switch len(q) {
	case 0:
		return ""
	case 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// nearName reports whether two names are a near miss: equal but for
// letter case or - and _, within edit distance 2 (for names long enough
// that 2 edits do not make any name near any other).
func nearName(a, b string) bool {
	if a == b {
		return false
	}
	la, lb := looseName(a), looseName(b)
	if la == lb {
		return true
	}
	if len(la) < 5 || len(lb) < 5 {
		return false
	}
	return source.EditDistance(la, lb) <= 2
}

func looseName(s string) string {
	return looseReplacer.Replace(strings.ToLower(s))
}

// looseReplacer is built once: a Replacer builds its tables on first use.
var looseReplacer = strings.NewReplacer("-", "", "_", "")

// sortedKeys returns a map's keys sorted.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// defaultRelated places the default export of an entry as a related place.
func defaultRelated(p *lint.Pass, en *analyses.Entry, note string) []lint.Related {
	if span := en.DefaultSpan(); span.Valid() {
		return []lint.Related{{Span: span, Note: note}}
	}
	return nil
}
