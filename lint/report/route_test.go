package report

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
)

// route answers as the lint judges (analyses.Resolve): a prefix no
// routing call serves, and a path the Worker's own router serves, are
// answered for what they are; the golden cases prefix-unrouted and
// own-route-shape hold the lint's findings for the same URLs.
func TestRouteAgreesWithLint(t *testing.T) {
	for _, tc := range []struct {
		dir, url string
		code     int
		want     string
	}{
		{"prefix-unrouted/api-prefix", "/agents/support-agent/x", 1, `routes no /agents/ to agents (its routing calls serve /api/agents/)`},
		{"prefix-unrouted/api-prefix", "/api/agents/support-agent/x", 0, `binding "SupportAgent"`},
		{"prefix-unrouted/default-prefix", "/chat-api/support-agent/x", 1, "no Worker found routes this path (prefixes routed: /agents/)"},
		{"own-route-shape", "/agents/reports/7/pdf", 0, `itself: its router serves /agents/reports/:id/pdf`},
		{"own-route-shape", "/agents/chats/7", 1, `serves no namespace "chats" under /agents/`},
		{"own-route-shape", "/agents/personal-agents/7", 1, `serves no namespace "personal-agents" under /agents/`},
	} {
		dir, err := filepath.Abs(filepath.Join("../../testdata/cases", tc.dir))
		if err != nil {
			t.Fatal(err)
		}
		p := project.Load(project.LoadOptions{Paths: []string{dir}, WorkDir: dir})
		ref, ok := jscode.ParseURLRef(tc.url)
		if !ok {
			t.Fatalf("%s: not a URL", tc.url)
		}
		var out strings.Builder
		code := WriteRoute(&out, p, analyses.RoutingOf(lint.Analyze(p, analyses.Routing)), &analyses.ResolvedRef{ClientRef: ref})
		if code != tc.code || !strings.Contains(out.String(), tc.want) {
			t.Errorf("route %s in %s: exit %d, %q; want exit %d and %q", tc.url, tc.dir, code, out.String(), tc.code, tc.want)
		}
	}
}
