// Package monorepo writes a monorepo of Agents Workers for benchmarks, with
// a chosen share of seeded mistakes and a manifest of what was seeded.
//
// Each Worker is shaped like a real Agents app: a commented wrangler.jsonc
// with three Durable Object bindings, migrations and a staging
// environment; a main that re-exports Agent classes from two modules; a
// React client that connects with useAgent. The repository root holds a
// package.json with workspaces and an npm lockfile listing every
// workspace, as an npm monorepo has.
package monorepo

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
)

// Options say what to write.
type Options struct {
	Workers  int
	Mistakes float64 // share of Workers that get each kind of mistake
	Seed     uint64
}

// Kinds are the core rules a Worker can be seeded with, one mistake each.
var Kinds = []string{
	"binding-name-case-mismatch",
	"unroutable-agent-url",
	"missing-class-export",
	"missing-migration",
	"env-missing-binding",
}

// Seeded is one seeded mistake: the rule that must report it, the Worker
// folder it is in, and the file and line where it is reported.
type Seeded struct {
	Rule   string `json:"rule"`
	Worker string `json:"worker"`
	File   string `json:"file"`
	Line   int    `json:"line"`
}

// Manifest is what Write generated.
type Manifest struct {
	Workers  int      `json:"workers"`
	Mistakes float64  `json:"mistakes"`
	Seed     uint64   `json:"seed"`
	Rules    []string `json:"rules"` // the core rules the check covers
	Seeded   []Seeded `json:"seeded"`
}

// Write generates the monorepo below dir and returns its manifest, which
// it also writes to dir/manifest.json.
func Write(dir string, o Options) (*Manifest, error) {
	m := &Manifest{Workers: o.Workers, Mistakes: o.Mistakes, Seed: o.Seed, Rules: Kinds, Seeded: []Seeded{}}
	rng := rand.New(rand.NewPCG(o.Seed, 0x5eed))
	var names []string
	for i := range o.Workers {
		w := newWorker(i, pickMistake(rng, o.Mistakes))
		names = append(names, w.name)
		if err := w.write(dir); err != nil {
			return nil, err
		}
		if s, ok := w.seeded(); ok {
			m.Seeded = append(m.Seeded, s)
		}
	}
	files := map[string]string{
		"package.json":                     rootPackageJSON,
		"packages/shared/package.json":     sharedPackageJSON,
		"packages/shared/src/format.ts":    sharedFormat,
		"packages/shared/src/constants.ts": sharedConstants,
		"package-lock.json":                npmLockfile(names),
		".gitignore":                       "node_modules\n.wrangler\ndist\n",
	}
	if err := writeFiles(dir, files); err != nil {
		return nil, err
	}
	sort.Slice(m.Seeded, func(i, j int) bool { return m.Seeded[i].Worker < m.Seeded[j].Worker })
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return m, os.WriteFile(filepath.Join(dir, "manifest.json"), append(data, '\n'), 0o644)
}

// pickMistake gives a Worker at most one mistake: kind k with probability
// share each (the shares are capped so that they sum to at most 1).
func pickMistake(rng *rand.Rand, share float64) string {
	share = min(share, 1/float64(len(Kinds)))
	u := rng.Float64()
	if share <= 0 || u >= share*float64(len(Kinds)) {
		return ""
	}
	return Kinds[int(u/share)]
}

func writeFiles(dir string, files map[string]string) error {
	for rel, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// themes name each Worker's agents, so that no two neighbours look alike.
var themes = []string{"Support", "Sales", "Billing", "Research", "Travel", "Recipe", "Tutor", "Legal",
	"Health", "Fitness", "Finance", "Weather", "News", "Music", "Garden", "Coding"}

func themeOf(i int) string { return themes[i%len(themes)] }

func workerName(i int) string {
	return fmt.Sprintf("%s-%04d", lower(themeOf(i)), i)
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
