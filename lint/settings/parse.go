package settings

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var (
	topKeys     = []string{"$schema", "rules", "ignore", "versions", "clients"}
	versionKeys = []string{"agents", "partyserver"}
	clientKeys  = []string{"function", "nameOption", "nameArgument", "convention", "prefix"}
	versionRe   = source.LazyRegexp(`^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$`)
	functionRe  = source.LazyRegexp(`^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$`)
)

// Parse reads one settings file. A file that is not valid JSONC gives a
// single Problem; otherwise every invalid key or value is a Problem and
// the rest applies.
func Parse(f *source.File) *Settings {
	s := &Settings{File: f, Dir: filepath.Dir(f.Path)}
	root, err := wrangler.ParseJSONC(f)
	if err != nil {
		var se *source.SyntaxError
		if errors.As(err, &se) {
			s.problem(se.Span, "%s", se.Msg)
		} else {
			s.problem(source.Span{File: f}, "%s", err.Error())
		}
		return s
	}
	s.checkKeys(root, "", topKeys)
	for _, m := range root.Members {
		switch m.Key {
		case "$schema":
			s.wantString(m)
		case "rules":
			s.parseRules(m.Value)
		case "ignore":
			s.parseIgnore(m.Value)
		case "versions":
			s.parseVersions(m.Value)
		case "clients":
			s.parseClients(m.Value)
		}
	}
	return s
}

func (s *Settings) problem(span source.Span, format string, args ...any) {
	s.Problems = append(s.Problems, Problem{Span: span, Msg: fmt.Sprintf(format, args...)})
}

// checkKeys reports unknown and repeated keys of an object; where is the
// object's path ("" for the top level, "versions", "clients[0]").
func (s *Settings) checkKeys(obj *wrangler.Node, where string, known []string) {
	seen := map[string]bool{}
	for _, m := range obj.Members {
		name := m.Key
		if where != "" {
			name = where + "." + m.Key
		}
		if !contains(known, m.Key) {
			msg := fmt.Sprintf("unknown key %q in %s", name, FileName)
			if near := suggest(m.Key, known); near != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", near)
			}
			s.problem(m.KeySpan, "%s: wranglint would ignore it; the keys here are %s", msg, source.QuoteList(known))
			continue
		}
		if seen[m.Key] {
			s.problem(m.KeySpan, "%q is given twice: only the last one applies; keep one", name)
		}
		seen[m.Key] = true
	}
}

func (s *Settings) wantString(m *wrangler.Member) (string, bool) {
	v, ok := m.Value.String()
	if !ok {
		s.problem(m.Value.Span, "%q must be a string, not %s", m.Key, article(m.Value.Kind))
	}
	return v, ok
}

func (s *Settings) parseRules(n *wrangler.Node) {
	if !n.IsObject() {
		s.problem(n.Span, "\"rules\" must be an object of rule ids and levels, such as {\"unknown-field\": \"off\"}, not %s", article(n.Kind))
		return
	}
	seen := map[string]bool{}
	for _, m := range n.Members {
		if seen[m.Key] {
			s.problem(m.KeySpan, "rule %q is given twice: only the last level applies; keep one", m.Key)
		}
		seen[m.Key] = true
		lvl, ok := s.parseLevel(m)
		if ok {
			s.Rules = append(s.Rules, RuleLevel{Rule: m.Key, Level: lvl, KeySpan: m.KeySpan})
		}
	}
}

func (s *Settings) parseLevel(m *wrangler.Member) (Level, bool) {
	v, ok := m.Value.String()
	if ok {
		for i, name := range levelNames {
			if v == name {
				return Level(i), true
			}
		}
	}
	msg := fmt.Sprintf("rule %q is set to %s", m.Key, m.Value.Span.Text())
	if near := suggest(v, levelNames); ok && near != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", near)
	}
	s.problem(m.Value.Span, "%s, which is not a level: the level is left unchanged; use \"off\", \"info\", \"warning\" or \"error\"", msg)
	return 0, false
}

func (s *Settings) parseIgnore(n *wrangler.Node) {
	if !n.IsArray() {
		s.problem(n.Span, "\"ignore\" must be an array of globs, such as [\"legacy/**\"], not %s", article(n.Kind))
		return
	}
	for _, it := range n.Items {
		p, ok := it.String()
		if !ok {
			s.problem(it.Span, "an ignore pattern must be a string, not %s", article(it.Kind))
			continue
		}
		g, msg := compileGlob(p)
		if msg != "" {
			s.problem(it.Span, "ignore pattern %q %s", p, msg)
			continue
		}
		g.Span = it.Span
		s.Ignore = append(s.Ignore, g)
	}
}

func (s *Settings) parseVersions(n *wrangler.Node) {
	if !n.IsObject() {
		s.problem(n.Span, "\"versions\" must be an object such as {\"agents\": \"0.0.41\"}, not %s", article(n.Kind))
		return
	}
	s.checkKeys(n, "versions", versionKeys)
	for _, m := range n.Members {
		var dst *VersionOverride
		switch m.Key {
		case "agents":
			dst = &s.Versions.Agents
		case "partyserver":
			dst = &s.Versions.PartyServer
		default:
			continue
		}
		v, ok := s.wantString(m)
		if !ok {
			continue
		}
		if !versionRe().MatchString(v) {
			s.problem(m.Value.Span, "versions.%s %q is not an exact version: wranglint cannot tell which naming rules apply; write the installed version, such as \"0.0.42\"", m.Key, v)
			continue
		}
		*dst = VersionOverride{Version: v, Span: m.Value.Span}
	}
}

func (s *Settings) parseClients(n *wrangler.Node) {
	if !n.IsArray() {
		s.problem(n.Span, "\"clients\" must be an array of client declarations, such as [{\"function\": \"useChat\", \"nameOption\": \"agentId\", \"convention\": \"lowercase\"}], not %s", article(n.Kind))
		return
	}
	for i, it := range n.Items {
		where := "clients[" + strconv.Itoa(i) + "]"
		if !it.IsObject() {
			s.problem(it.Span, "%s must be an object with \"function\", \"nameOption\" or \"nameArgument\", and \"convention\", not %s", where, article(it.Kind))
			continue
		}
		if c, ok := s.parseClient(it, where); ok {
			s.Clients = append(s.Clients, c)
		}
	}
}

// parseClient reads one declaration; ok is false when it cannot be used.
func (s *Settings) parseClient(n *wrangler.Node, where string) (Client, bool) {
	s.checkKeys(n, where, clientKeys)
	c := Client{NameArgument: -1, Prefix: "agents", Span: n.Span}
	ok := true
	bad := func(span source.Span, format string, args ...any) {
		s.problem(span, where+": "+format, args...)
		ok = false
	}
	for _, m := range n.Members {
		switch m.Key {
		case "function":
			v, isStr := s.wantString(m)
			if isStr && !functionRe().MatchString(v) {
				bad(m.Value.Span, "function %q is not a function name: write the name the code calls, such as \"useChat\" or \"api.connect\"", v)
			}
			c.Function = v
			ok = ok && isStr
		case "nameOption":
			v, isStr := s.wantString(m)
			if isStr && v == "" {
				bad(m.Value.Span, "nameOption is empty: write the key of the options object that holds the agent name, such as \"agentId\"")
			}
			c.NameOption = v
			ok = ok && isStr
		case "nameArgument":
			c.NameArgument = s.parseIndex(m, bad)
		case "convention":
			c.Convention = s.parseConvention(m, bad)
		case "prefix":
			v, isStr := s.wantString(m)
			c.Prefix = strings.Trim(v, "/")
			if isStr && c.Prefix == "" {
				bad(m.Value.Span, "prefix is empty: write the first URL segment the wrapper connects to, such as \"agents\"")
			}
			ok = ok && isStr
		}
	}
	return c, s.checkClient(n, c, bad) && ok
}

func (s *Settings) parseIndex(m *wrangler.Member, bad func(source.Span, string, ...any)) int {
	if m.Value.Kind == wrangler.KindNumber {
		if i, err := strconv.Atoi(m.Value.Str); err == nil && i >= 0 {
			return i
		}
	}
	bad(m.Value.Span, "nameArgument is %s: write the 0-based position of the argument that holds the agent name, such as 0", m.Value.Span.Text())
	return -1
}

func (s *Settings) parseConvention(m *wrangler.Member, bad func(source.Span, string, ...any)) Convention {
	v, _ := m.Value.String()
	if contains(conventions, v) {
		return Convention(v)
	}
	msg := fmt.Sprintf("convention %s is not one wranglint knows", m.Value.Span.Text())
	if near := suggest(v, conventions); near != "" && v != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", near)
	}
	bad(m.Value.Span, "%s: use \"kebab\" (the Agents SDK's), \"lowercase\" or \"verbatim\"", msg)
	return ""
}

// checkClient reports what a declaration lacks.
func (s *Settings) checkClient(n *wrangler.Node, c Client, bad func(source.Span, string, ...any)) bool {
	ok := true
	if n.Member("function") == nil {
		bad(n.Span, "no \"function\": write the name of the wrapper the code calls, such as \"useChat\"")
		ok = false
	}
	hasOpt, hasArg := n.Member("nameOption") != nil, n.Member("nameArgument") != nil
	switch {
	case hasOpt && hasArg:
		bad(n.Member("nameArgument").KeySpan, "both \"nameOption\" and \"nameArgument\": the name comes from one place; keep one")
		ok = false
	case !hasOpt && !hasArg:
		bad(n.Span, "neither \"nameOption\" nor \"nameArgument\": wranglint cannot tell which value is the agent name; add \"nameOption\": \"agentId\" (a key of the first object argument) or \"nameArgument\": 0")
		ok = false
	}
	if n.Member("convention") == nil {
		bad(n.Span, "no \"convention\": say how %s turns the name into a URL: \"kebab\" (the Agents SDK's), \"lowercase\" or \"verbatim\"", orSomething(c.Function))
		ok = false
	}
	return ok
}

// suggest returns the candidate v was probably meant to be: a near
// spelling, or one that v starts ("lower" for "lowercase"); "" if none.
func suggest(v string, candidates []string) string {
	low := strings.ToLower(v)
	if near := source.Closest(low, candidates, 3); near != "" {
		return near
	}
	for _, c := range candidates {
		if len(low) >= 3 && strings.HasPrefix(strings.ToLower(c), low) {
			return c
		}
	}
	return ""
}

func orSomething(fn string) string {
	if fn == "" {
		return "the wrapper"
	}
	return fn
}

func article(k wrangler.Kind) string {
	switch k {
	case wrangler.KindObject, wrangler.KindArray:
		return "an " + k.String()
	case wrangler.KindNull:
		return "null"
	}
	return "a " + k.String()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
