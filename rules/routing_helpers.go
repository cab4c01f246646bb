package rules

import (
	"strings"
	"unicode"

	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/source"
)

// describeRef names a client reference for messages: `useAgent at
// src/app.tsx:12`.
func describeRef(r *analyses.ResolvedRef) string {
	via := r.Via
	if r.Wrapper != "" {
		via = r.Wrapper + "() (which calls " + r.Via + ")"
	}
	if r.Site.Valid() {
		return via + " at " + r.Site.Where() + " (the value is written at " + r.Span.Where() + ")"
	}
	return via + " at " + r.Span.Where()
}

// viaAt names the client call of a finding reported where its value is
// written: `useAgent at src/app.tsx:12` when that is elsewhere, else
// `useAgent`.
func viaAt(r *analyses.ResolvedRef) string {
	if r.Site.Valid() {
		return r.Via + " at " + r.Site.Where()
	}
	return r.Via
}

// requestURL is what a client asks for: /agents/coderagent/...
func requestURL(t analyses.Target) string {
	return "/" + t.Prefix + "/" + t.Namespace + "/..."
}

// clientRepair says what the client must send to reach served, in the
// client's own terms, and the literal text that does it ("" if none).
func clientRepair(r *analyses.ResolvedRef, served analyses.Served, serverEra sdk.Era) (advice, literal string) {
	switch r.Kind {
	case jscode.RefAgentClient:
		for _, cand := range []string{served.Binding.Name, served.Namespace, pascal(served.Namespace)} {
			if sdk.Namespace(cand, r.Era) == served.Namespace {
				return callAdvice(r, cand), cand
			}
		}
		return "", ""
	case jscode.RefPartySocket:
		return r.Via + "({ party: " + source.Quote(served.Namespace) + " })", served.Namespace
	}
	return "the URL " + served.URL() + "...", served.Namespace
}

// renameCandidate returns a binding name that the server converts to ns,
// preferring JavaScript identifiers in the styles people write.
func renameCandidate(ns string, era sdk.Era) string {
	cands := []string{ns, pascal(ns), strings.ToUpper(strings.ReplaceAll(ns, "-", "_")), strings.ReplaceAll(ns, "-", "_")}
	fallback := ""
	for _, c := range cands {
		if c == "" || sdk.Namespace(c, era) != ns {
			continue
		}
		if sdk.IsIdentifier(c) {
			return c
		}
		if fallback == "" {
			fallback = c
		}
	}
	return fallback
}

// pascal turns "coder-agent" into "CoderAgent".
func pascal(ns string) string {
	var b strings.Builder
	up := true
	for _, r := range ns {
		if r == '-' || r == '_' {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// bindingPlace is `binding "X" at wrangler.jsonc:12`.
func bindingPlace(s analyses.Served) string {
	return "binding " + source.Quote(s.Binding.Name) + inEnv(s.Env) + " at " + s.Binding.NameNode.Span.Where()
}

// callAdvice writes the call with the name a client should send.
func callAdvice(r *analyses.ResolvedRef, name string) string {
	switch {
	case strings.HasPrefix(r.Option, "argument "):
		return r.Via + "(" + source.Quote(name) + ") as " + r.Option
	case r.Option != "" && r.Option != "agent":
		return r.Via + "({ " + r.Option + ": " + source.Quote(name) + " })"
	}
	return r.Via + "({ agent: " + source.Quote(name) + " })"
}
