package rules

import (
	"strings"

	"github.com/wranglint/wranglint/lint/wrangler"
)

// routeEntry is one route of an environment, as deployed.
type routeEntry struct {
	Pattern      string
	PatternNode  *wrangler.Node // the pattern string (the item itself for a bare string)
	CustomDomain bool
	ZoneName     string
}

// routesOf lists the routes an environment deploys (route or routes,
// inherited from the top level unless it writes its own).
func routesOf(e *wrangler.Env) []routeEntry {
	var out []routeEntry
	add := func(n *wrangler.Node) {
		if s, ok := n.String(); ok && s != "" {
			out = append(out, routeEntry{Pattern: s, PatternNode: n})
			return
		}
		if s, ok := n.GetString("pattern"); ok && s != "" {
			zone, _ := n.GetString("zone_name")
			out = append(out, routeEntry{Pattern: s, PatternNode: n.Get("pattern"), CustomDomain: n.Get("custom_domain").Truthy(), ZoneName: zone})
		}
	}
	add(e.Get("route"))
	if r := e.Get("routes"); r.IsArray() {
		for _, it := range r.Items {
			add(it)
		}
	}
	return out
}

// ownsRoutes: the environment writes route or routes itself (the top
// level always does): inherited routes are reported where written.
func ownsRoutes(e *wrangler.Env) bool {
	return e.IsTop() || e.Own("routes") != nil || e.Own("route") != nil
}

// normalRoute is a route pattern as the platform compares it: lower case,
// without a scheme.
func normalRoute(p string) string {
	p = strings.ToLower(strings.TrimSpace(p))
	p = strings.TrimPrefix(strings.TrimPrefix(p, "https://"), "http://")
	return p
}

// routeHost is the host part of a pattern.
func routeHost(p string) string {
	p = normalRoute(p)
	if i := strings.IndexByte(p, '/'); i >= 0 {
		p = p[:i]
	}
	if i := strings.IndexByte(p, ':'); i >= 0 {
		p = p[:i]
	}
	return p
}
