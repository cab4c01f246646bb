package sdk

import (
	"strconv"
	"strings"

	"github.com/wranglint/wranglint/lint/source"
)

// Range is an npm version range: alternatives joined by "||", each a set
// of comparators that must all hold. Pre-release tags are ignored, as
// Version ignores them.
type Range struct{ alts [][]comparator }

type comparator struct {
	op string // "<", "<=", ">", ">=", "="
	v  Version
}

// partial is a version as written, with how many numbers were given
// ("1.2" has 2; "1.x" and "*" stop at the wildcard).
type partial struct {
	v Version
	n int
}

var partialRe = source.LazyRegexp(`^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:[-+].*)?$`)

func parsePartial(s string) (partial, bool) {
	m := partialRe().FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return partial{}, false
	}
	var p partial
	nums := []*int{&p.v.Major, &p.v.Minor, &p.v.Patch}
	for i, x := range m[1:4] {
		n, err := strconv.Atoi(x)
		if err != nil {
			break // a wildcard or nothing: the rest is free
		}
		*nums[i] = n
		p.n = i + 1
	}
	return p, true
}

// ParseRange reads an npm range ("^0.2.0", "~1.2", ">=0.0.45 <1",
// "1.2.x", "1.0.0 - 1.2.0", "a || b"). Tags, workspace:, catalog:, git
// and file specifiers are not ranges: ok is false.
func ParseRange(s string) (Range, bool) {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, "npm:"); ok { // alias: npm:agents@^0.2.0
		if i := strings.LastIndexByte(rest, '@'); i > 0 {
			s = rest[i+1:]
		}
	}
	if s == "" || s == "latest" || strings.ContainsAny(s, ":/#") {
		return Range{}, false
	}
	var r Range
	for _, alt := range strings.Split(s, "||") {
		cs, ok := parseAlternative(alt)
		if !ok {
			return Range{}, false
		}
		r.alts = append(r.alts, cs)
	}
	return r, true
}

func parseAlternative(alt string) ([]comparator, bool) {
	f := strings.Fields(alt)
	if len(f) == 3 && f[1] == "-" { // hyphen range
		lo, ok1 := parsePartial(f[0])
		hi, ok2 := parsePartial(f[2])
		if !ok1 || !ok2 {
			return nil, false
		}
		out := []comparator{{">=", lo.v}}
		if hi.n == 3 {
			return append(out, comparator{"<=", hi.v}), true
		}
		return append(out, comparator{"<", bump(hi)}), true
	}
	var out []comparator
	for i := 0; i < len(f); i++ {
		tok := f[i]
		if isOperator(tok) && i+1 < len(f) { // ">= 1.2.3"
			i++
			tok += f[i]
		}
		cs, ok := parseComparator(tok)
		if !ok {
			return nil, false
		}
		out = append(out, cs...)
	}
	return out, true
}

func isOperator(s string) bool {
	switch s {
	case "<", "<=", ">", ">=", "=", "^", "~", "~>":
		return true
	}
	return false
}

// parseComparator expands one token into plain comparators.
func parseComparator(tok string) ([]comparator, bool) {
	op := ""
	for _, o := range []string{">=", "<=", "~>", ">", "<", "=", "^", "~"} {
		if rest, ok := strings.CutPrefix(tok, o); ok {
			op, tok = o, rest
			break
		}
	}
	p, ok := parsePartial(tok)
	if !ok {
		return nil, false
	}
	switch op {
	case "^":
		return []comparator{{">=", p.v}, {"<", caretLimit(p)}}, true
	case "~", "~>":
		lim := partial{p.v, min(p.n, 2)}
		if p.n == 0 {
			return nil, true
		}
		return []comparator{{">=", p.v}, {"<", bump(lim)}}, true
	case "", "=":
		if p.n == 0 {
			return nil, true // "*": anything
		}
		if p.n == 3 {
			return []comparator{{"=", p.v}}, true
		}
		return []comparator{{">=", p.v}, {"<", bump(p)}}, true
	case ">":
		if p.n < 3 { // ">1.2" means >=1.3.0
			return []comparator{{">=", bump(p)}}, true
		}
	case "<=":
		if p.n < 3 { // "<=1.2" means <1.3.0
			return []comparator{{"<", bump(p)}}, true
		}
	}
	return []comparator{{op, p.v}}, true
}

// bump is the first version above every version the partial matches:
// 1.2 -> 1.3.0, 1 -> 2.0.0.
func bump(p partial) Version {
	switch p.n {
	case 1:
		return Version{p.v.Major + 1, 0, 0}
	case 2:
		return Version{p.v.Major, p.v.Minor + 1, 0}
	case 3:
		return Version{p.v.Major, p.v.Minor, p.v.Patch + 1}
	}
	return Version{1 << 30, 0, 0}
}

// caretLimit: ^ allows changes that do not modify the left-most non-zero
// number (^0.2.3 < 0.3.0, ^0.0.3 < 0.0.4, ^1.2 < 2.0.0, ^0.0 < 0.1.0).
func caretLimit(p partial) Version {
	switch {
	case p.v.Major > 0 || p.n == 1:
		return Version{p.v.Major + 1, 0, 0}
	case p.v.Minor > 0 || p.n == 2:
		return Version{0, p.v.Minor + 1, 0}
	}
	return Version{0, 0, p.v.Patch + 1}
}

// Contains reports whether v satisfies the range.
func (r Range) Contains(v Version) bool {
	for _, alt := range r.alts {
		if allHold(alt, v) {
			return true
		}
	}
	return false
}

func allHold(cs []comparator, v Version) bool {
	for _, c := range cs {
		if !c.holds(v) {
			return false
		}
	}
	return true
}

func (c comparator) holds(v Version) bool {
	switch c.op {
	case "<":
		return v.Less(c.v)
	case "<=":
		return !c.v.Less(v)
	case ">":
		return c.v.Less(v)
	case ">=":
		return !v.Less(c.v)
	}
	return v == c.v
}
