package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// cronList is one `triggers.crons` array as written, with the
// environments that deploy it (triggers is inheritable: the top level's
// array serves every environment that sets no triggers of its own).
type cronList struct {
	w     *project.Worker
	node  *wrangler.Node
	envs  []*wrangler.Env
	crons []*wrangler.Node
}

// cronLists finds every crons array of the deployed configs, once.
func cronLists(p *lint.Pass) []cronList {
	var out []cronList
	for _, w := range p.Project.Workers {
		if w.TestHarness || w.RoutingOnly {
			continue
		}
		byNode := map[*wrangler.Node]int{}
		for _, e := range w.Config.Envs {
			n := e.Get("triggers").Get("crons")
			if !n.IsArray() {
				continue
			}
			if i, ok := byNode[n]; ok {
				out[i].envs = append(out[i].envs, e)
				continue
			}
			byNode[n] = len(out)
			out = append(out, cronList{w: w, node: n, envs: []*wrangler.Env{e}, crons: n.Strings()})
		}
	}
	return out
}
