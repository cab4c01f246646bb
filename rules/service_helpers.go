package rules

import (
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// serviceBinding is one `services` entry of a deployment.
type serviceBinding struct {
	dep                          deployment
	node                         *wrangler.Node
	binding, service, entrypoint string
	legacyEnv                    string // services[].environment (legacy service environments)
	serviceNode, entrypointNode  *wrangler.Node
}

// serviceBindings lists the services entries of every deployment
// (`services` is not inherited: each environment's own).
func serviceBindings(p *lint.Pass) []serviceBinding {
	var out []serviceBinding
	for _, d := range deployments(p) {
		for _, n := range d.Env.Get("services").Objects() {
			sb := serviceBinding{dep: d, node: n, serviceNode: n.Get("service"), entrypointNode: n.Get("entrypoint")}
			sb.binding, _ = n.GetString("binding")
			sb.service, _ = n.GetString("service")
			sb.entrypoint, _ = n.GetString("entrypoint")
			sb.legacyEnv, _ = n.GetString("environment")
			if sb.binding == "" || sb.service == "" || wrangler.IsPlaceholder(sb.service) {
				continue
			}
			out = append(out, sb)
		}
	}
	return out
}

// workerNames indexes the deployments of the repository by deploy name
// (test harnesses are never deployed; Workers loaded for routing are part
// of the repository).
type workerNames struct {
	byName map[string][]deployment
	byTop  map[string][]*project.Worker // by top-level name, for legacy environments
	names  []string
}

func indexWorkerNames(p *lint.Pass) *workerNames {
	wn := &workerNames{byName: map[string][]deployment{}, byTop: map[string][]*project.Worker{}}
	for _, w := range p.Project.Workers {
		if w.TestHarness {
			continue
		}
		if top, ok := w.Config.Root.GetString("name"); ok {
			wn.byTop[top] = append(wn.byTop[top], w)
		}
		for _, e := range w.Config.Envs {
			if name := e.WorkerName(); name != "" && !wrangler.HasPlaceholder(name) {
				if len(wn.byName[name]) == 0 {
					wn.names = append(wn.names, name)
				}
				wn.byName[name] = append(wn.byName[name], deployment{Worker: w, Env: e})
			}
		}
	}
	return wn
}

// target finds the deployment a service binding reaches in the
// repository: by deploy name, or for a legacy `environment`, the named
// environment of the Worker whose top-level name is the service.
func (wn *workerNames) target(sb serviceBinding) (deployment, bool) {
	if sb.legacyEnv != "" {
		for _, w := range wn.byTop[sb.service] {
			for _, e := range w.Config.Envs {
				if !e.IsTop() && e.Name == sb.legacyEnv {
					return deployment{Worker: w, Env: e}, true
				}
			}
		}
		return deployment{}, false
	}
	ds := wn.byName[sb.service]
	if len(ds) == 1 {
		return ds[0], true
	}
	// none, or several deployments claim the name: known only when they are
	// configs of one main and one is the default config
	if len(ds) == 0 || sameWorker(ds) {
		return deployment{}, false
	}
	return project.OneDeployed(ds)
}

// targetHandler is the export a binding's calls reach: the named
// entrypoint, or the default export.
func targetHandler(ix *analyses.EntryIndex, sb serviceBinding, t deployment) (*analyses.Entry, *analyses.Handler) {
	en := ix.For(t.Worker, t.Env)
	if en == nil {
		return nil, nil
	}
	if sb.entrypoint != "" && sb.entrypoint != "default" {
		return en, en.Named(sb.entrypoint)
	}
	return en, en.Default
}

// bindingCalls lists the calls a deployment's code makes on a binding.
func bindingCalls(p *lint.Pass, d deployment, binding string) []jscode.BindingCall {
	mod := d.Worker.Module(d.Env)
	if mod == nil || !mod.Built {
		return nil
	}
	var out []jscode.BindingCall
	for _, sf := range p.Project.GraphFacts(mod) {
		if project.IsTestFile(sf.File.Path) {
			continue
		}
		for _, c := range sf.BindingCalls {
			if c.Binding == binding {
				out = append(out, c)
			}
		}
	}
	return out
}

// urlPath reads the path of an absolute URL value whose path is known
// (the host may be filled at run time): "https://svc/api/x?y" gives
// "/api/x".
func urlPath(v jscode.Value) (string, bool) {
	var b strings.Builder
	for _, pc := range v.Pieces {
		if pc.Kind == jscode.PieceText {
			b.WriteString(pc.Text)
		} else {
			b.WriteByte(0)
		}
	}
	s := b.String()
	i := strings.Index(s, "://")
	if i < 0 || strings.IndexByte(s[:i], 0) >= 0 {
		return "", false
	}
	rest := s[i+3:]
	slash := strings.IndexByte(rest, '/')
	path := "/"
	if slash >= 0 {
		path = rest[slash:]
	} else if strings.IndexByte(rest, 0) >= 0 {
		return "", false // the host may run into the path
	}
	if j := strings.IndexAny(path, "?#"); j >= 0 {
		path = path[:j]
	}
	if strings.IndexByte(path, 0) >= 0 {
		return "", false
	}
	return path, true
}

// callGroups gathers the calls of one place across the deployments that
// ship it: one finding, listing them.
type callGroup struct {
	call jscode.BindingCall
	sbs  []serviceBinding
}

type callGroups struct {
	order []*callGroup
	index map[string]*callGroup
}

func (g *callGroups) add(c jscode.BindingCall, sb serviceBinding, what string) {
	if g.index == nil {
		g.index = map[string]*callGroup{}
	}
	key := c.Span.String() + "\x00" + what
	if cg, ok := g.index[key]; ok {
		cg.sbs = append(cg.sbs, sb)
		return
	}
	cg := &callGroup{call: c, sbs: []serviceBinding{sb}}
	g.index[key] = cg
	g.order = append(g.order, cg)
}

// deploymentsOf writes the deployments of a call group for messages.
func deploymentsOf(sbs []serviceBinding) string {
	var labels []string
	seen := map[string]bool{}
	for _, sb := range sbs {
		if l := sb.dep.Label(); !seen[l] {
			seen[l] = true
			labels = append(labels, l)
		}
	}
	return strings.Join(labels, ", ")
}

// sameWorker: every deployment is an environment of one Worker.
func sameWorker(ds []deployment) bool {
	for _, d := range ds[1:] {
		if d.Worker != ds[0].Worker {
			return false
		}
	}
	return true
}
