package monorepo

import (
	"fmt"
	"sort"
	"strings"
)

// Finding is one diagnostic as `wranglint --format json` prints it.
type Finding struct {
	Rule string `json:"rule"`
	File string `json:"file"` // slash path relative to the repository root
	Line int    `json:"line"`
}

// Check compares findings with what was seeded, per rule and Worker folder
// (a rule may report one mistake in several environments): it returns the
// seeded mistakes no finding reports, and the findings of the core rules
// that no seeded mistake explains.
func (m *Manifest) Check(findings []Finding) (missed []Seeded, unexpected []Finding) {
	core := map[string]bool{}
	for _, r := range m.Rules {
		core[r] = true
	}
	seeded := map[string]bool{}
	for _, s := range m.Seeded {
		seeded[s.Rule+" "+s.Worker] = true
	}
	found := map[string]bool{}
	for _, f := range findings {
		if !core[f.Rule] {
			continue
		}
		key := f.Rule + " " + workerOf(f.File)
		found[key] = true
		if !seeded[key] {
			unexpected = append(unexpected, f)
		}
	}
	for _, s := range m.Seeded {
		if !found[s.Rule+" "+s.Worker] {
			missed = append(missed, s)
		}
	}
	sort.Slice(unexpected, func(i, j int) bool { return unexpected[i].File < unexpected[j].File })
	return missed, unexpected
}

// workerOf is the Worker folder ("workers/<name>") holding a file.
func workerOf(file string) string {
	parts := strings.SplitN(strings.TrimPrefix(file, "./"), "/", 3)
	if len(parts) < 3 || parts[0] != "workers" {
		return file
	}
	return parts[0] + "/" + parts[1]
}

func (s Seeded) String() string { return fmt.Sprintf("%s:%d: %s", s.File, s.Line, s.Rule) }

func (f Finding) String() string { return fmt.Sprintf("%s:%d: %s", f.File, f.Line, f.Rule) }
