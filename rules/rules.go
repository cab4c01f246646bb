// Package rules holds wranglint's checks, one file per rule, each with its
// documentation beside its code. Rules read the lint.Project and report;
// they never read files or print.
package rules

import (
	"sort"

	"github.com/wranglint/wranglint/lint"
)

var registry []*lint.Rule

func register(r *lint.Rule) *lint.Rule {
	registry = append(registry, r)
	return r
}

// All returns every rule, sorted by id.
func All() []*lint.Rule {
	out := append([]*lint.Rule(nil), registry...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// ByID returns the rule with the given id, or nil.
func ByID(id string) *lint.Rule {
	for _, r := range registry {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// inEnv renders " in env "x"" for findings in a named environment.
func inEnv(e *lint.Env) string {
	if e == nil || e.IsTop() {
		return ""
	}
	return " in " + e.Label()
}
