package jscode

import "strings"

// ParseURLRef turns a URL or path typed by a user into a reference, as if
// it were a literal in the code (`wranglint route`).
func ParseURLRef(raw string) (*ClientRef, bool) {
	host, path, _, ok := splitURL([]string{raw})
	if !ok {
		return nil, false
	}
	segs := pathSegments(path, false)
	if len(segs) < 2 {
		return nil, false
	}
	return &ClientRef{Kind: RefLiteralURL, Via: "URL", Value: raw, Host: host, Segs: segs}, true
}

// splitURL finds the host and the path of a literal: "wss://h/p", "/p",
// or a path after parts filled in at run time ("${origin}/p",
// "${proto}://${host}/p"). pathPart is the index of the part holding the path.
func splitURL(parts []string) (host, path string, pathPart int, ok bool) {
	first := parts[0]
	if i := strings.Index(first, "://"); i > 0 && isScheme(first[:i]) {
		rest := first[i+3:]
		if slash := strings.IndexByte(rest, '/'); slash >= 0 {
			return hostOf(rest[:slash]), rest[slash:], 0, true
		}
	} else if strings.HasPrefix(first, "/") && !strings.HasPrefix(first, "//") {
		return "", first, 0, true
	} else if first != "" {
		return "", "", 0, false
	}
	for i := 1; i < len(parts); i++ {
		if strings.HasPrefix(parts[i], "/") && !strings.HasPrefix(parts[i], "//") {
			return "", parts[i], i, true
		}
		if !originText(parts[i]) {
			break
		}
	}
	return "", "", 0, false
}

// originText: the static text between run-time parts of an origin, such
// as "://" or "wss://" or ".example.com".
func originText(s string) bool {
	return !strings.Contains(strings.ReplaceAll(s, "://", ""), "/")
}

func isScheme(s string) bool {
	switch strings.ToLower(s) {
	case "ws", "wss", "http", "https":
		return true
	}
	return false
}

func hostOf(h string) string {
	h = strings.TrimPrefix(strings.TrimPrefix(h, "https://"), "wss://")
	if i := strings.IndexAny(h, "/?#"); i >= 0 {
		h = h[:i]
	}
	if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.Contains(h[i:], "]") {
		h = h[:i]
	}
	return strings.ToLower(h)
}

// pathSegments splits a static path; open means a substitution follows.
// A last segment that runs into a substitution is incomplete and dropped;
// an empty one before a substitution becomes "" (filled at run time).
func pathSegments(path string, open bool) []string {
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path, open = path[:i], false
	}
	fields := strings.Split(strings.TrimPrefix(path, "/"), "/")
	last := len(fields) - 1
	switch {
	case open && fields[last] != "":
		fields[last] = "" // runs into a substitution: only known at run time
	case !open:
		for len(fields) > 0 && fields[len(fields)-1] == "" {
			fields = fields[:len(fields)-1]
		}
	}
	for i, f := range fields {
		if isRouteParam(f) {
			fields[i] = ""
		}
	}
	return fields
}

// isRouteParam: ":id", "[id]", "*", "{id}": a router pattern, not a name.
func isRouteParam(seg string) bool {
	return strings.HasPrefix(seg, ":") || strings.ContainsAny(seg, "[]*{}")
}
