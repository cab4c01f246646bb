package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// WriteRoute prints, per deployment (Worker and environment) the URL
// reaches, which binding serves it or why none does. A URL whose host no
// environment's routes cover is answered as such. It returns 0 when every
// reached deployment serves it, 1 otherwise.
func WriteRoute(w io.Writer, p *project.Project, rt *analyses.RoutingIndex, ref *analyses.ResolvedRef) int {
	if ref.Host != "" && hostsKnown(p, rt, ref.Host) {
		if deps, how := rt.Reachable(ref.Host, ""); how != analyses.ByHost {
			fmt.Fprintf(w, "%s: no environment's routes or workers.dev name cover host %s (%s checked)\n",
				Escape(ref.Value), source.Quote(ref.Host), plural(len(deps), "deployment"))
			return 1
		}
	}
	t, ok := rt.Resolve(ref)
	if !ok {
		fmt.Fprintf(w, "%s: no Worker found routes this path (prefixes routed: %s)\n", Escape(ref.Value), Escape(strings.Join(rt.AllPrefixes(), ", ")))
		return 1
	}
	served := 0
	for _, r := range t.Reached {
		if writeReach(w, rt, ref, t, r) {
			served++
		}
	}
	// as the lint judges: each reached deployment must serve the URL,
	// unless nothing says which Worker it talks to
	if served == len(t.Reached) || !t.Each() && served > 0 {
		return 0
	}
	return 1
}

// writeReach answers for one deployment; false when it does not serve.
func writeReach(w io.Writer, rt *analyses.RoutingIndex, ref *analyses.ResolvedRef, t analyses.Target, r analyses.Reach) bool {
	if r.OwnRoute != "" {
		fmt.Fprintf(w, "%s is served by Worker %s (%s, %s) itself: its router serves %s, so it is not an agent request\n",
			Escape(ref.Value), source.Quote(r.Env.WorkerName()), Escape(r.Worker.Config.File.Rel), Escape(r.Env.Label()), Escape(r.OwnRoute))
		return true
	}
	if t.Unrouted {
		var shown []string
		for _, x := range rt.Prefixes(r.Worker) {
			shown = append(shown, "/"+x+"/")
		}
		fmt.Fprintf(w, "%s: Worker %s (%s, %s) routes no /%s/ to agents (its routing calls serve %s)\n", Escape(ref.Value),
			source.Quote(r.Env.WorkerName()), Escape(r.Worker.Config.File.Rel), Escape(r.Env.Label()), Escape(t.Prefix), Escape(strings.Join(shown, ", ")))
		return false
	}
	for _, s := range r.Exact {
		fmt.Fprintf(w, "%s is served by Worker %s (%s, %s), binding %s, class %s, declared at %s\n",
			Escape(ref.Value), source.Quote(s.Env.WorkerName()), Escape(s.Worker.Config.File.Rel), Escape(s.Env.Label()), source.Quote(s.Binding.Name),
			source.Quote(s.Binding.ClassName), Escape(s.Binding.NameNode.Span.String()))
	}
	if len(r.Exact) > 0 {
		return true
	}
	fmt.Fprintf(w, "%s: Worker %s (%s, %s) serves no namespace %s under /%s/\n", Escape(ref.Value), source.Quote(r.Env.WorkerName()),
		Escape(r.Worker.Config.File.Rel), Escape(r.Env.Label()), source.Quote(t.Namespace), Escape(t.Prefix))
	shown := map[*wrangler.Node]bool{}
	for _, s := range append(r.Loose, analyses.Nearest(t.Namespace, r.Candidates, 3)...) {
		if shown[s.Binding.NameNode] {
			continue
		}
		shown[s.Binding.NameNode] = true
		fmt.Fprintf(w, "  nearest: %s is binding %s at %s\n", Escape(s.URL()), source.Quote(s.Binding.Name), Escape(s.Binding.NameNode.Span.String()))
	}
	return false
}

// hostsKnown: the project says where its Workers are reachable (some
// deployment declares routes, or the host is a workers.dev name), so a
// host none of them covers is an answer, not a gap in what is known.
func hostsKnown(p *project.Project, rt *analyses.RoutingIndex, host string) bool {
	if strings.HasSuffix(host, ".workers.dev") {
		return true
	}
	for _, w := range p.Workers {
		for _, d := range rt.Deployments(w) {
			if len(d.Env.RoutePatterns()) > 0 {
				return true
			}
		}
	}
	return false
}
