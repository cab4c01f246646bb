package rules

import (
	"regexp"
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// spaDeploy is one deployment serving a single-page application in front
// of its Worker, with the Worker's known routes.
type spaDeploy struct {
	w       *project.Worker
	e       *wrangler.Env
	assets  *wrangler.Node
	nfh     *wrangler.Node // not_found_handling
	rwf     *wrangler.Node // run_worker_first, nil when absent
	include []string       // run_worker_first patterns (static routing)
	exclude []string       // its "!" patterns
	routes  *analyses.Routes
	entry   *analyses.Handler
}

// spaDeploys lists the deployments with a Worker (main), SPA fallback
// and a default export whose fetch routes are (at least partly) known.
// static selects those with an array run_worker_first (static routing),
// or those without run_worker_first (navigation requests only).
func spaDeploys(p *lint.Pass, static bool) []spaDeploy {
	ix := analyses.EntriesOf(p)
	var out []spaDeploy
	for _, d := range deployments(p) {
		w, e := d.Worker, d.Env
		if isPages(w) {
			continue
		}
		assets := e.Get("assets")
		nfh := assets.Get("not_found_handling")
		if s, _ := nfh.String(); s != "single-page-application" {
			continue
		}
		if main, _ := e.Main(); main == "" {
			continue
		}
		sd := spaDeploy{w: w, e: e, assets: assets, nfh: nfh, rwf: assets.Get("run_worker_first")}
		switch {
		case sd.rwf.IsArray():
			if !static {
				continue
			}
			for _, it := range sd.rwf.Strings() {
				if rest, ok := strings.CutPrefix(it.Str, "!"); ok {
					sd.exclude = append(sd.exclude, rest)
				} else {
					sd.include = append(sd.include, it.Str)
				}
			}
		case sd.rwf != nil && !(sd.rwf.Kind == wrangler.KindBool && !sd.rwf.Bool):
			continue // true: the Worker runs first for every request
		case static:
			continue
		}
		en := ix.For(w, e)
		if en == nil || en.Default == nil || en.Default.Routes == nil {
			continue
		}
		sd.entry, sd.routes = en.Default, en.Default.Routes
		out = append(out, sd)
	}
	return out
}

// navigableRoutes are the routes that name a path of their own (a literal
// segment): "*", "/" and "/:param" alone are fallbacks, which the SPA
// fallback answers as well.
func navigableRoutes(rs *analyses.Routes, methods func(string) bool) []jscode.Route {
	var out []jscode.Route
	seen := map[string]bool{}
	for _, r := range rs.Routes {
		if !methods(r.Method) || !hasLiteralSegment(r.Path) {
			continue
		}
		key := r.Method + " " + r.Path
		if !seen[key] {
			seen[key] = true
			out = append(out, r)
		}
	}
	return out
}

func hasLiteralSegment(path string) bool {
	for _, seg := range strings.Split(strings.Trim(path, "/"), "/") {
		if seg != "" && !strings.HasPrefix(seg, ":") && !strings.ContainsAny(seg, "*{}()") {
			return true
		}
	}
	return false
}

// samplePath is a request path a route answers: parameters and wildcards
// filled with a segment.
func samplePath(r jscode.Route) string {
	segs := strings.Split(strings.Trim(r.Path, "/"), "/")
	for i, s := range segs {
		if strings.HasPrefix(s, ":") || strings.ContainsAny(s, "*{}()") {
			segs[i] = "x"
		}
	}
	p := "/" + strings.Join(segs, "/")
	if r.Prefix && !strings.HasSuffix(p, "/") {
		p += "/x"
	}
	return p
}

// globMatch matches a path against a run_worker_first pattern: `*`
// matches any run of characters, `/` included, and the pattern is
// anchored at both ends (workers-shared generateGlobOnlyRuleRegExp).
func globMatch(pattern, path string) bool {
	parts := strings.Split(pattern, "*")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	re, err := regexp.Compile("^" + strings.Join(parts, ".*") + "$")
	return err == nil && re.MatchString(path)
}

// runsWorkerFirst: static routing sends the path to the Worker.
func (sd spaDeploy) runsWorkerFirst(path string) bool {
	for _, x := range sd.exclude {
		if globMatch(x, path) {
			return false
		}
	}
	for _, in := range sd.include {
		if globMatch(in, path) {
			return true
		}
	}
	return false
}

// describeRoutes lists routes for a message: `GET /auth/callback, POST
// /hooks`, at most eight.
func describeRoutes(rs []jscode.Route) string {
	var parts []string
	for i, r := range rs {
		if i == 8 {
			parts = append(parts, "and "+source.Itoa(len(rs)-8)+" more")
			break
		}
		p := r.Path
		if r.Prefix {
			p += "…"
		}
		if r.Method == "ALL" {
			parts = append(parts, p+" (any method)")
		} else {
			parts = append(parts, r.Method+" "+p)
		}
	}
	return strings.Join(parts, ", ")
}

// suggestedPatterns are run_worker_first patterns covering routes: each
// route's first segment, with /* after it ("/auth/callback" -> "/auth/*").
func suggestedPatterns(rs []jscode.Route) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range rs {
		first := strings.Split(strings.Trim(r.Path, "/"), "/")[0]
		pat := "/" + first + "/*"
		if strings.HasPrefix(first, ":") || strings.ContainsAny(first, "*{}()") {
			continue
		}
		if strings.Count(strings.Trim(r.Path, "/"), "/") == 0 && !r.Prefix {
			pat = r.Path // one segment: the route itself ("/validate", "/api/")
		}
		if !seen[pat] {
			seen[pat] = true
			out = append(out, pat)
		}
	}
	return out
}

// routeRelated places up to four routes in the code.
func routeRelated(rs []jscode.Route) []lint.Related {
	var out []lint.Related
	for _, r := range rs {
		if len(out) == 4 {
			break
		}
		if r.Span.Valid() {
			out = append(out, lint.Related{Span: r.Span, Note: "the Worker's route " + r.Method + " " + r.Path})
		}
	}
	return out
}

// excludedBy returns the "!" pattern (without the "!") that keeps a path
// from the Worker, "" when none does.
func (sd spaDeploy) excludedBy(path string) string {
	for _, x := range sd.exclude {
		if globMatch(x, path) {
			return x
		}
	}
	return ""
}
