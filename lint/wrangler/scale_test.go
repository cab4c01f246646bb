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
