package rules

import (
	"strconv"
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// declares reports whether the environment writes key itself (the top
// level always does): findings about inherited values are reported once,
// where the value is written.
func declares(e *wrangler.Env, key string) bool {
	return e.IsTop() || e.Own(key) != nil
}

// eachDeployedEnv is eachEnv without test-harness configs, which are
// never deployed: rules about deploys do not apply there.
func eachDeployedEnv(p *lint.Pass, f func(w *project.Worker, e *wrangler.Env)) {
	eachEnv(p, func(w *project.Worker, e *wrangler.Env) {
		if !w.TestHarness {
			f(w, e)
		}
	})
}

// eachEnv calls f for every environment of every Worker.
func eachEnv(p *lint.Pass, f func(w *project.Worker, e *wrangler.Env)) {
	for _, w := range p.Project.Workers {
		for _, e := range w.Config.Envs {
			f(w, e)
		}
	}
}

var trailingNumber = source.LazyRegexp(`^(.*?)(\d+)$`)

// nextTag continues a tag scheme: v1 -> v2, 0009 -> 0010; a scheme
// without a number gets "-2"; no tags at all gives v1.
func nextTag(tags []*wrangler.Node) string {
	used := map[string]bool{}
	for _, t := range tags {
		used[t.Str] = true
	}
	if len(tags) == 0 {
		return "v1"
	}
	last := tags[len(tags)-1].Str
	prefix, n, width := last+"-", 1, 1
	if m := trailingNumber().FindStringSubmatch(last); m != nil {
		prefix, width = m[1], len(m[2])
		n, _ = strconv.Atoi(m[2])
	}
	for {
		n++
		num := strconv.Itoa(n)
		if len(num) < width {
			num = strings.Repeat("0", width-len(num)) + num
		}
		if !used[prefix+num] {
			return prefix + num
		}
	}
}

// lineOf is "line N" of a span, for messages.
func lineOf(s source.Span) string { return "line " + source.Itoa(s.StartPos().Line) }
