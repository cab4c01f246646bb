package settings

import (
	"math/rand"
	"path"
	"strconv"
	"strings"
	"testing"
	"time"
)

// naiveMatch is the recursive definition the linear matcher must agree
// with (exponential in the number of "**": only for small inputs).
func naiveMatch(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(segs); i++ {
				if naiveMatch(pat[1:], segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], segs[0]); !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}

func TestGlobAgreesWithTheDefinition(t *testing.T) {
	rng := rand.New(rand.NewSource(17))
	pieces := []string{"**", "*", "a", "b", "a*", "?"}
	names := []string{"a", "b", "ab", "c"}
	for i := 0; i < 20000; i++ {
		pat := make([]string, 1+rng.Intn(5))
		for j := range pat {
			pat[j] = pieces[rng.Intn(len(pieces))]
		}
		segs := make([]string, 1+rng.Intn(6))
		for j := range segs {
			segs[j] = names[rng.Intn(len(names))]
		}
		g, msg := compileGlob(strings.Join(pat, "/"))
		if msg != "" {
			t.Fatal(msg)
		}
		want := false
		for n := 1; n <= len(segs); n++ {
			want = want || naiveMatch(g.parts, segs[:n])
		}
		if got := g.Match(strings.Join(segs, "/")); got != want {
			t.Fatalf("%q against %q: %v, want %v", g.Pattern, strings.Join(segs, "/"), got, want)
		}
	}
}

// manyStars is 10 "**" (each followed by prefix, "" or "*/") before a
// name the path does not hold, and a path depth folders deep: the
// recursive matcher tried every way to split the path among the stars
// (10 "**" against 25 folders did not finish in a minute).
func manyStars(prefix string, depth int) (Glob, string) {
	g, msg := compileGlob(strings.Repeat("**/"+prefix, 10) + "nomatch")
	if msg != "" {
		panic(msg)
	}
	return g, strings.Repeat("x/", depth) + "file.ts"
}

func TestGlobManyStarsIsLinear(t *testing.T) {
	for _, c := range []struct {
		prefix string
		depth  int
	}{{"", 25}, {"*/", 40}} {
		g, rel := manyStars(c.prefix, c.depth)
		done := make(chan bool, 1)
		go func() { done <- g.Match(rel) }()
		select {
		case matched := <-done:
			if matched {
				t.Errorf("%s: the pattern ends in a name the path does not have", g.Pattern)
			}
		case <-time.After(10 * time.Second): // microseconds in fact; only a blow-up trips this
			t.Fatalf("matching %s against %d folders did not finish in 10 s", g.Pattern, c.depth)
		}
		hit, _ := compileGlob(strings.Repeat("**/"+c.prefix, 10) + "file.ts")
		if !hit.Match(rel) {
			t.Errorf("%s against %d folders: a match is a match", hit.Pattern, c.depth)
		}
	}
}

func BenchmarkGlobManyStars(b *testing.B) {
	for _, depth := range []int{25, 100, 400} {
		g, rel := manyStars("*/", depth)
		b.Run("depth="+strconv.Itoa(depth), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				g.Match(rel)
			}
		})
	}
}
