// Package sdk is what wranglint knows of the Agents SDK and PartyServer: how
// each version turns a binding name or a client option into a URL namespace
// (the eras), which version a project uses (installed, locked or declared),
// and which base classes belong to the SDK.
package sdk

import (
	"strings"
	"unicode"
)

// Era selects which version of the Agents SDK / PartyServer name conversion
// applies (spec/agents-routing.md).
type Era int

const (
	// EraCurrent: partyserver >= 0.0.66, agents >= 0.0.42.
	EraCurrent Era = iota
	// EraKebabV1: partyserver 0.0.50 - 0.0.65 (agents-sdk <= 0.0.41).
	EraKebabV1
	// EraLowercase: partyserver <= 0.0.49.
	EraLowercase
	// EraVerbatim: a client that sends its option unchanged
	// (agents <= 0.0.47, PartySocket, literal URLs).
	EraVerbatim
)

func (e Era) String() string {
	return [...]string{"current kebab-case", "kebab-case v1 (partyserver 0.0.50-0.0.65)",
		"lower-case (partyserver <= 0.0.49)", "verbatim"}[e]
}

// Namespace converts a binding name or an agent option to the URL
// namespace it is served or requested at, as the given era does.
func Namespace(name string, era Era) string {
	switch era {
	case EraCurrent:
		return kebabCurrent(name)
	case EraKebabV1:
		return kebabV1(name)
	case EraLowercase:
		return strings.ToLower(name)
	}
	return name
}

// kebabCurrent is partyserver's camelCaseToKebabCase since 0.0.66. Step
// order matters: "_" becomes "-" before the one trailing "-" is removed, so
// "Agent__" gives "agent-".
func kebabCurrent(s string) string {
	if isAllUpper(s) {
		return strings.ReplaceAll(strings.ToLower(s), "_", "-")
	}
	s = strings.TrimPrefix(capitalsToDashes(s), "-")
	s = strings.ReplaceAll(s, "_", "-")
	return strings.TrimSuffix(s, "-")
}

// kebabV1: every ASCII capital becomes "-" plus its lower case, then one
// leading and one trailing "-" are removed.
func kebabV1(s string) string {
	s = strings.TrimPrefix(capitalsToDashes(s), "-")
	return strings.TrimSuffix(s, "-")
}

// capitalsToDashes replaces each ASCII capital by "-" and its lower case;
// other capitals stay as they are.
func capitalsToDashes(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 'A' && r <= 'Z' {
			b.WriteByte('-')
			b.WriteRune(r + ('a' - 'A'))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isAllUpper: the name has a cased letter and no lower-case letter
// (it equals its upper-case form and differs from its lower-case form).
func isAllUpper(s string) bool {
	return s == strings.ToUpper(s) && s != strings.ToLower(s)
}

// Loose folds a namespace for "differs only in case or separators".
func Loose(ns string) string {
	var b strings.Builder
	for _, r := range ns {
		if r == '-' || r == '_' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// IsIdentifier reports whether s can be written as env.<s> in JavaScript.
func IsIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		ok := r == '_' || r == '$' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (i > 0 && r >= '0' && r <= '9')
		if !ok {
			return false
		}
	}
	return true
}
