package source

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// deepIgnores is an in-memory repository /r whose folders nest depth
// deep (a/a/a/...), each with a .gitignore of a folder rule, an anchored
// rule and a negation, and the path of a file at the bottom.
func deepIgnores(depth int) (*FileSet, string) {
	overlay := map[string][]byte{"/r/.git": nil}
	dir := "/r"
	for i := 0; i < depth; i++ {
		overlay[dir+"/.gitignore"] = []byte(fmt.Sprintf("dist%d/\n/a/gen%d\n*.log\n!keep.log\n", i, i))
		dir += "/a"
	}
	return NewFileSet("/r", overlay, nil), dir + "/x.ts"
}

// A path 1,000 folders deep with a .gitignore in each: every check used
// to copy each level's folder name (quadratic per check, cubic for a
// walk) and split the path again for every anchored rule (13 s for one
// file; 70 ms now, what the rules of 1,000 levels cost).
func TestGitIgnoredDeepChain(t *testing.T) {
	if raceEnabled {
		t.Skip("a time bound means nothing under the race detector")
	}
	fs, file := deepIgnores(1000)
	start := time.Now()
	if fs.GitIgnored(file) {
		t.Error("nothing ignores the file")
	}
	bottom := strings.TrimSuffix(file, "/x.ts")
	for path, want := range map[string]bool{
		bottom + "/dist999/y.ts": true, bottom + "/dist5/y.ts": true, bottom + "/dist1000/y.ts": false,
		bottom + "/z.log": true, bottom + "/keep.log": false,
		"/r/a/a/a/gen2/y.ts": true, "/r/a/a/gen2/y.ts": false,
	} {
		if got := fs.GitIgnored(path); got != want {
			t.Errorf("GitIgnored(…%s) = %v", path[max(0, len(path)-30):], got)
		}
	}
	if d := time.Since(start); d > 10*time.Second { // milliseconds in fact; only a blow-up trips this
		t.Errorf("checks 1,000 folders deep took %v", d)
	}
}

func BenchmarkGitIgnoredDepth(b *testing.B) {
	for _, depth := range []int{250, 500, 1000, 2000} {
		fs, file := deepIgnores(depth)
		fs.GitIgnored(file) // reads the .gitignore files
		b.Run(fmt.Sprint("depth=", depth), func(b *testing.B) {
			for b.Loop() {
				fs.GitIgnored(file)
			}
		})
	}
}
