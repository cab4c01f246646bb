// Package settings reads .wranglint.jsonc, a project's wranglint
// settings: rule levels, ignored paths, SDK version overrides and the
// project's own client wrappers. Every value keeps its place in the file,
// so that a mistake is reported at file:line:col.
package settings

import (
	"path"
	"path/filepath"
	"strings"

	"github.com/wranglint/wranglint/lint/source"
)

// FileName is the settings file looked up from each linted file's folder.
const FileName = ".wranglint.jsonc"

// Level is what a settings file sets a rule to.
type Level int

const (
	LevelOff Level = iota
	LevelInfo
	LevelWarning
	LevelError
)

// levelNames are the accepted spellings, indexed by Level.
var levelNames = []string{"off", "info", "warning", "error"}

func (l Level) String() string { return levelNames[l] }

// RuleLevel is one entry of "rules".
type RuleLevel struct {
	Rule    string
	Level   Level
	KeySpan source.Span // the rule id, for "unknown rule" reports
}

// Settings is one parsed settings file. Problems lists what is wrong in
// it; every valid part still applies.
type Settings struct {
	File *source.File
	Dir  string // the folder holding the file: ignore globs are relative to it
	// Rules are the per-rule levels in file order (a repeated rule: the
	// last one wins, and the repeat is a Problem).
	Rules    []RuleLevel
	Ignore   []Glob
	Versions Versions
	Clients  []Client
	Problems []Problem
}

// Problem is an invalid key or value, placed in the settings file.
type Problem struct {
	Span source.Span
	Msg  string
}

// Versions overrides the agents and partyserver versions that decide how
// names become URLs, for every file the settings apply to. An empty
// Version means "not overridden": detect it as usual.
type Versions struct {
	Agents      VersionOverride
	PartyServer VersionOverride
}

// VersionOverride is one pinned version, "X.Y.Z" (checked when parsed).
type VersionOverride struct {
	Version string
	Span    source.Span // the value in the settings file
}

// Convention is how a client wrapper turns an agent name into the URL
// namespace it connects to.
type Convention string

const (
	// ConventionKebab is the Agents SDK's own conversion (CoderAgent ->
	// coder-agent), with the SDK version's rules.
	ConventionKebab Convention = "kebab"
	// ConventionLowercase lower-cases the name (CoderAgent -> coderagent).
	ConventionLowercase Convention = "lowercase"
	// ConventionVerbatim sends the name as written.
	ConventionVerbatim Convention = "verbatim"
)

var conventions = []string{string(ConventionKebab), string(ConventionLowercase), string(ConventionVerbatim)}

// Client declares one of the project's own client wrappers: every call of
// Function with a known name value is a client reference that connects
// to /<Prefix>/<Convention applied to the name>/...
type Client struct {
	Function string // the called name: "useChat", or "api.connect" for a member call
	// NameOption is the key of the first object argument that holds the
	// agent name; "" when NameArgument is used instead.
	NameOption string
	// NameArgument is the 0-based position of the argument holding the
	// name; -1 when NameOption is used instead.
	NameArgument int
	Convention   Convention
	Prefix       string      // the URL prefix, without slashes; "agents" when not given
	Span         source.Span // the entry in the settings file
}

// Level returns the level the settings give a rule, if any.
func (s *Settings) Level(rule string) (Level, bool) {
	if s == nil {
		return 0, false
	}
	for i := len(s.Rules) - 1; i >= 0; i-- {
		if s.Rules[i].Rule == rule {
			return s.Rules[i].Level, true
		}
	}
	return 0, false
}

// Ignored reports whether an ignore glob covers the file at abs (or one
// of the folders holding it).
func (s *Settings) Ignored(abs string) bool {
	if s == nil || len(s.Ignore) == 0 || !source.Within(s.Dir, abs) {
		return false
	}
	rel, err := filepath.Rel(s.Dir, abs)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	for _, g := range s.Ignore {
		if g.Match(rel) {
			return true
		}
	}
	return false
}

// Glob is one ignore pattern: slash-separated, relative to the settings
// file's folder; `*`, `?` and `[...]` match within a path segment, `**`
// matches any number of folders. A pattern without a slash matches a name
// at any depth, as in .gitignore; a pattern that matches a folder covers
// everything below it.
type Glob struct {
	Pattern string
	Span    source.Span
	parts   []string
}

// compileGlob checks a pattern; the message says what is wrong.
func compileGlob(p string) (Glob, string) {
	clean := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(p, "./"), "/"), "/")
	if clean == "" {
		return Glob{}, "is empty: write a path relative to the settings file, such as \"legacy/**\""
	}
	parts := strings.Split(clean, "/")
	for _, part := range parts {
		if part == ".." {
			return Glob{}, "leaves the settings file's folder: ignore patterns cover only files below it; put the pattern in a settings file higher up"
		}
		if _, err := path.Match(part, ""); err != nil {
			return Glob{}, "is not a valid pattern (" + err.Error() + "): check its [ ] brackets and \\ escapes"
		}
	}
	anchored := strings.Contains(strings.TrimSuffix(p, "/"), "/")
	if !anchored {
		parts = append([]string{"**"}, parts...)
	}
	return Glob{Pattern: p, parts: collapseStars(parts)}, ""
}

// collapseStars merges runs of "**": "a/**/**/b" means "a/**/b".
func collapseStars(parts []string) []string {
	out := parts[:0]
	for _, p := range parts {
		if p != "**" || len(out) == 0 || out[len(out)-1] != "**" {
			out = append(out, p)
		}
	}
	return out
}

// Match reports whether rel (slash-separated, relative to the settings
// folder) or one of its parent folders matches.
func (g Glob) Match(rel string) bool {
	segs := strings.Split(rel, "/")
	ends := matchPrefixes(g.parts, segs)
	for n := 1; n <= len(segs); n++ {
		if ends[n] {
			return true
		}
	}
	return false
}

// matchPrefixes returns, for each n, whether the pattern matches exactly
// the first n segments. It is a dynamic programme over the two lists, as
// .gitignore matching is (lint/source/gitignore.go): time is the product
// of their lengths, never exponential, however many "**".
func matchPrefixes(pat, segs []string) []bool {
	// reach[j]: the pattern so far can end just before segment j.
	reach := make([]bool, len(segs)+1)
	next := make([]bool, len(segs)+1)
	reach[0] = true
	for _, p := range pat {
		clear(next)
		if p == "**" {
			on := false
			for j := range reach {
				on = on || reach[j]
				next[j] = on
			}
		} else {
			for j, seg := range segs {
				if reach[j] {
					ok, _ := path.Match(p, seg)
					next[j+1] = ok
				}
			}
		}
		reach, next = next, reach
	}
	return reach
}
