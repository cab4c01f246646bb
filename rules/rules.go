// Package rules holds wranglint's checks, one file per rule, each with its
// documentation beside its code. Rules read the project.Project and report;
// they never read files or print.
package rules

import (
	"sort"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var registry lint.Registry

// register adds a rule at start-up; a duplicate id is a programming error.
func register(r *lint.Rule) *lint.Rule {
	if err := registry.Add(r); err != nil {
		panic("wranglint: " + err.Error())
	}
	return r
}

// All returns every rule, sorted by id.
func All() []*lint.Rule {
	out := registry.All()
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// ByID returns the rule with the given id, or nil.
func ByID(id string) *lint.Rule { return registry.ByID(id) }

// inEnv renders " in env "x"" for findings in a named environment.
func inEnv(e *wrangler.Env) string {
	if e == nil || e.IsTop() {
		return ""
	}
	return " in " + e.Label()
}
