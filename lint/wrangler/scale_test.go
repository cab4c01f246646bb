package wrangler

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/wranglint/wranglint/lint/source"
)

// manyEnvs is a config with n environments, in JSONC or TOML.
func manyEnvs(n int, toml bool) (name, src string) {
	var b strings.Builder
	if toml {
		b.WriteString("name = \"x\"\nmain = \"src/index.ts\"\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "[env.e%d]\nroute = \"e%d.example.com/*\"\n[env.e%d.vars]\nA = \"x\"\n", i, i, i)
		}
		return "wrangler.toml", b.String()
	}
	b.WriteString(`{"name": "x", "main": "src/index.ts", "env": {`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `"e%d": {"route": "e%d.example.com/*", "vars": {"A": "x"}}`, i, i)
	}
	b.WriteString("}}")
	return "wrangler.jsonc", b.String()
}

// resolveAll parses the config and reads a few keys of every environment,
// as the rules do.
func resolveAll(t testing.TB, n int, toml bool) {
	name, src := manyEnvs(n, toml)
	c := parseConfig(t, name, src)
	if len(c.Envs) != n+1 {
		t.Fatalf("%d environments, want %d", len(c.Envs)-1, n)
	}
	for _, e := range c.Envs[1:] {
		if m, _ := e.Main(); m != "src/index.ts" || e.Get("vars").Get("A") == nil || len(e.RoutePatterns()) != 1 {
			t.Fatalf("env %s: main %q", e.Name, m)
		}
	}
}

// 20,000 environments (or members of one object) cost what 20,000 lookups
// cost: every member was compared with every key before.
func TestManyEnvironmentsAreLinear(t *testing.T) {
	if raceEnabled {
		t.Skip("a time bound means nothing under the race detector")
	}
	// TOML: 5,000, as go-toml's validation (ParseTOML's first pass) is
	// itself quadratic in the number of tables (its seen-tracker scans).
	for _, c := range []struct {
		toml bool
		n    int
	}{{false, 20000}, {true, 5000}} {
		start := time.Now()
		resolveAll(t, c.n, c.toml)
		if d := time.Since(start); d > 3*time.Second { // a fraction of a second in fact; only a blow-up trips this
			t.Errorf("toml=%v: %d environments took %v", c.toml, c.n, d)
		}
	}
	obj := &Node{Kind: KindObject}
	for i := 0; i < 100000; i++ {
		obj.Members = append(obj.Members, &Member{Key: fmt.Sprint("k", i%50000), Value: &Node{Kind: KindNumber, Str: fmt.Sprint(i)}})
	}
	start := time.Now()
	for i := 0; i < 50000; i++ {
		if v := obj.Get(fmt.Sprint("k", i)); v == nil || v.Str != fmt.Sprint(i+50000) {
			t.Fatalf("k%d: %+v (the last member of a repeated key wins)", i, v)
		}
	}
	if obj.Get("absent") != nil {
		t.Error("absent key")
	}
	obj.Members = append(obj.Members, &Member{Key: "k7", Value: &Node{Kind: KindString, Str: "late"}})
	if v := obj.Get("k7"); v.Str != "late" {
		t.Errorf("a member appended after a lookup: %+v", v)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("50,000 lookups in an object of 100,000 members took %v", d)
	}
}

func BenchmarkManyEnvironments(b *testing.B) {
	for _, n := range []int{1000, 4000, 16000} {
		b.Run(fmt.Sprint("envs=", n), func(b *testing.B) {
			for b.Loop() {
				resolveAll(b, n, false)
			}
		})
	}
}

// A TOML config of more tables and keys than go-toml's validation checks
// in reasonable time is a syntax error at the first one over the limit,
// found in one linear pass; below the limit it parses.
func TestTOMLTooManyEntries(t *testing.T) {
	var b strings.Builder
	b.WriteString("name = \"x\"\n")
	for i := 1; i < maxTOMLEntries; i++ {
		fmt.Fprintf(&b, "[t%d]\n", i)
	}
	ok := b.String()
	f := source.NewFile("/p/wrangler.toml", "wrangler.toml", []byte(ok))
	if _, bad := tooManyEntries(f); bad {
		t.Fatalf("%d entries are within the limit", maxTOMLEntries)
	}
	over := ok + "[last]\n"
	start := time.Now()
	_, err := ParseTOML(source.NewFile("/p/wrangler.toml", "wrangler.toml", []byte(over)))
	var se *source.SyntaxError
	if !errors.As(err, &se) || !strings.Contains(se.Msg, "over 50000 tables and keys") || se.Span.Start != len(ok)+1 {
		t.Fatalf("%v", err)
	}
	if d := time.Since(start); d > 3*time.Second && !raceEnabled {
		t.Errorf("refusing took %v", d)
	}
}

// linearPathAt is PathAt as defined: every member scanned, occurrences
// counted from the start.
func linearPathAt(n *Node, start, end int) string {
	path := ""
	for n != nil {
		var next *Node
		step := ""
		for i, m := range n.Members {
			if holds(m.KeySpan.Start, m.KeySpan.End, start, end) {
				next, step = &Node{}, keyStep(m.Key)
				break
			}
			if m.Value != nil && holds(m.Value.Span.Start, m.Value.Span.End, start, end) {
				k := 0
				for _, o := range n.Members[:i] {
					if o.Key == m.Key {
						k++
					}
				}
				next, step = m.Value, keyStep(m.Key)
				if k > 0 {
					step += "#" + fmt.Sprint(k)
				}
				break
			}
		}
		for i, it := range n.Items {
			if next == nil && holds(it.Span.Start, it.Span.End, start, end) {
				next, step = it, "["+fmt.Sprint(i)+"]"
			}
		}
		if next == nil {
			return path
		}
		if path != "" && !strings.HasPrefix(step, "[") {
			path += "."
		}
		path, n = path+step, next
	}
	return path
}

// A finding on each of 60,000 vars (secret-in-vars on token-like values)
// is keyed by its path: one member found by binary search, not a scan of
// all of them with a count of the repeats before it.
func TestPathAtManyMembers(t *testing.T) {
	if raceEnabled {
		t.Skip("a time bound means nothing under the race detector")
	}
	for _, toml := range []bool{false, true} {
		var b strings.Builder
		name := "wrangler.jsonc"
		if toml {
			name = "wrangler.toml"
			b.WriteString("[vars]\n") // TOML keys are unique; go-toml's own check is quadratic, so fewer
			for i := 0; i < 10000; i++ {
				fmt.Fprintf(&b, "V%d_TOKEN = \"sk_live_%024d\"\n", i, i)
			}
		} else {
			b.WriteString(`{"vars": {`)
			for i := 0; i < 60000; i++ {
				if i > 0 {
					b.WriteString(",\n")
				}
				fmt.Fprintf(&b, `"V%d_TOKEN": "sk_live_%024d"`, i%59000, i) // 1,000 keys repeat
			}
			b.WriteString("}}")
		}
		f := source.NewFile("/p/"+name, name, []byte(b.String()))
		var root *Node
		var err error
		if toml {
			root, err = ParseTOML(f)
		} else {
			root, err = ParseJSONC(f)
		}
		if err != nil {
			t.Fatal(err)
		}
		vars := root.Get("vars")
		start := time.Now()
		paths := make([]string, len(vars.Members))
		for i, m := range vars.Members {
			paths[i] = PathAt(root, m.Value.Span.Start+1, m.Value.Span.End-1)
		}
		if d := time.Since(start); d > 5*time.Second { // tens of milliseconds in fact
			t.Errorf("%s: %d paths took %v", name, len(vars.Members), d)
		}
		t.Logf("%s: %d paths in %v", name, len(vars.Members), time.Since(start))
		for i, m := range vars.Members {
			if i%4999 == 0 || i >= len(vars.Members)-10 {
				if want := linearPathAt(root, m.Value.Span.Start+1, m.Value.Span.End-1); paths[i] != want {
					t.Fatalf("%s member %d: %q, want %q", name, i, paths[i], want)
				}
			}
		}
	}
}
