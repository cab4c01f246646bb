package jscode_test

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/rules"
)

// TestCacheMutatedEntries is issue 17's reproduction: random changes to
// checksum-valid entries (the store accepts them: the checksum is
// computed over the changed bytes) once crashed the rules (3 of 150 gave
// a Go stack trace and exit 2). Every such entry must be a miss or facts
// the rules can take: never a panic, never an internal error.
func TestCacheMutatedEntries(t *testing.T) {
	trials := 150
	if testing.Short() {
		trials = 40
	}
	for _, dir := range []string{"../../testdata/bench/agents-app", "../../testdata/cases/indirect-spread"} {
		dir, _ := filepath.Abs(dir)
		t.Run(filepath.Base(dir), func(t *testing.T) { mutateEntries(t, dir, trials) })
	}
}

func mutateEntries(t *testing.T, dir string, trials int) {
	c := jscode.OpenCache(t.TempDir(), "mutations")
	p := project.Load(project.LoadOptions{Paths: []string{dir}, WorkDir: dir, Cache: c})
	want := lint.Run(p, rules.All(), lint.DefaultOptions())
	type entry struct {
		sf   *jscode.SourceFacts
		data []byte
	}
	var entries []entry
	for _, sf := range p.Sources {
		if data, ok := c.Store().Get(jscode.ScanKeyForTest(c, sf.File)); ok {
			entries = append(entries, entry{sf, data})
		}
	}
	if len(entries) == 0 {
		t.Fatal("nothing was cached")
	}
	rng := rand.New(rand.NewPCG(17, 3))
	crashes := 0
	for i := range trials {
		e := entries[rng.IntN(len(entries))]
		bad := append([]byte(nil), e.data...)
		for range 1 + rng.IntN(3) {
			bad[rng.IntN(len(bad))] = byte(rng.IntN(256))
		}
		mc := jscode.OpenCache(t.TempDir(), "mutations")
		mc.Store().Put(jscode.ScanKeyForTest(mc, e.sf.File), bad) // the same bytes: the same key
		if msg := lintCatching(dir, mc); msg != "" {
			crashes++
			if crashes <= 3 {
				t.Errorf("mutation %d of %s: %s", i, filepath.Base(e.sf.File.Path), msg)
			}
		}
	}
	if crashes > 0 {
		t.Errorf("%d of %d mutated entries crashed or broke the run (%d findings expected)", crashes, trials, len(want.Diagnostics))
	}
}

// lintCatching runs Load and every rule, and says what went wrong: a
// panic, or an internal error among the findings.
func lintCatching(dir string, c *jscode.Cache) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprintf("panic: %v\n%s", r, debug.Stack())
		}
	}()
	p := project.Load(project.LoadOptions{Paths: []string{dir}, WorkDir: dir, Cache: c})
	out := lint.Run(p, rules.All(), lint.DefaultOptions())
	for _, d := range out.Diagnostics {
		if d.Rule == lint.InternalErrorRule {
			return "internal error: " + d.Message
		}
	}
	return ""
}
