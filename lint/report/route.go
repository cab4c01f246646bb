package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// WriteRoute prints which Worker, environment and binding serve the URL
// ref names, or why none does. It returns 0 when one does, 1 otherwise.
func WriteRoute(w io.Writer, p *lint.Project, ref *lint.ResolvedRef) int {
	t, ok := p.Resolve(ref)
	if !ok {
		fmt.Fprintf(w, "%s: no Worker found routes this path (prefixes routed: %s)\n", ref.Value, strings.Join(p.AllPrefixes(), ", "))
		return 1
	}
	if len(t.Exact) > 0 {
		for _, s := range t.Exact {
			fmt.Fprintf(w, "%s is served by Worker %s (%s, %s), binding %s, class %s, declared at %s\n",
				ref.Value, source.Quote(s.Env.WorkerName()), s.Worker.Config.File.Rel, s.Env.Label(), source.Quote(s.Binding.Name),
				source.Quote(s.Binding.ClassName), s.Binding.NameNode.Span)
		}
		return 0
	}
	fmt.Fprintf(w, "%s: no binding serves namespace %s under /%s/ (%s checked)\n", ref.Value, source.Quote(t.Namespace), t.Prefix, plural(len(t.Workers), "Worker"))
	shown := map[*wrangler.Node]bool{}
	for _, s := range append(t.Loose, lint.Nearest(t.Namespace, t.Candidates, 3)...) {
		if shown[s.Binding.NameNode] {
			continue
		}
		shown[s.Binding.NameNode] = true
		fmt.Fprintf(w, "  nearest: %s is binding %s (%s, %s) at %s\n", s.URL(), source.Quote(s.Binding.Name),
			s.Worker.Config.File.Rel, s.Env.Label(), s.Binding.NameNode.Span)
	}
	return 1
}
