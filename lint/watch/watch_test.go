package watch

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// run starts Run on dir and returns a channel of each lint's changed
// paths; the first lint (nil) has been received when it returns.
func run(t *testing.T, o Options) (<-chan []string, context.CancelFunc, <-chan error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	lints := make(chan []string, 16)
	done := make(chan error, 1)
	o.Debounce = 20 * time.Millisecond
	go func() { done <- Run(ctx, o, func(changed []string) { lints <- changed }) }()
	if first := next(t, lints); first != nil {
		t.Fatalf("the first lint has no changes, got %q", first)
	}
	result := make(chan error, 1)
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			result <- <-done
		})
	}
	t.Cleanup(stop)
	return lints, func() { stop() }, result
}

// next waits for the next lint: the test fails, rather than hangs, when
// none comes.
func next(t *testing.T, lints <-chan []string) []string {
	t.Helper()
	select {
	case changed := <-lints:
		return changed
	case <-time.After(20 * time.Second):
		t.Fatal("no lint after the change")
		return nil
	}
}

// until waits for a lint whose changes include path (a burst may be split
// in two lints when the machine is slow) and returns every change seen.
func until(t *testing.T, lints <-chan []string, path string) []string {
	t.Helper()
	var all []string
	for !slices.Contains(all, path) {
		all = append(all, next(t, lints)...)
	}
	return all
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRelintsOnChange(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "wrangler.jsonc"), "{}\n")
	write(t, filepath.Join(dir, "node_modules/agents/package.json"), "{}\n")
	write(t, filepath.Join(dir, ".gitignore"), "dist/\n")
	write(t, filepath.Join(dir, "dist/out.js"), "\n")
	report := filepath.Join(dir, "report.json")
	folders := 0
	lints, cancel, done := run(t, Options{Roots: []string{dir}, Ignore: func(p string) bool { return p == report },
		Ready: func(n int) { folders = n }})
	if folders != 1 {
		t.Errorf("watched %d folders, want 1 (node_modules and the git-ignored dist are not)", folders)
	}

	// A change to a config, and its editor's swap file and the report
	// wranglint writes, which do not count.
	write(t, filepath.Join(dir, ".wrangler.jsonc.swp"), "x")
	write(t, report, "{}")
	write(t, filepath.Join(dir, "wrangler.jsonc"), "{ \"name\": \"a\" }\n")
	got := until(t, lints, filepath.Join(dir, "wrangler.jsonc"))
	for _, p := range got {
		if p != filepath.Join(dir, "wrangler.jsonc") {
			t.Errorf("%s does not count as a change", p)
		}
	}

	// A new folder is watched, and the files written into it count.
	client := filepath.Join(dir, "src/client.tsx")
	write(t, client, "export {}\n")
	until(t, lints, client)
	write(t, client, "export const a = 1;\n")
	until(t, lints, client)

	// Stopping ends the loop without error.
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Run did not return once cancelled")
	}
}

func TestFileRootWatchesItsFolder(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "wrangler.jsonc")
	write(t, cfg, "{}\n")
	lints, _, _ := run(t, Options{Roots: []string{cfg}})
	write(t, filepath.Join(dir, "src/index.ts"), "export {}\n")
	until(t, lints, filepath.Join(dir, "src/index.ts"))
}

func TestMissingRootIsAnError(t *testing.T) {
	err := Run(context.Background(), Options{Roots: []string{filepath.Join(t.TempDir(), "nope")}}, func([]string) { t.Error("no lint") })
	if err == nil {
		t.Error("a root that does not exist is an error")
	}
}
