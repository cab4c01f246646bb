package lint

import "testing"

func TestRegistryRejectsDuplicates(t *testing.T) {
	var g Registry
	run := func(*Pass) {}
	if err := g.Add(&Rule{ID: "a-rule", Run: run}); err != nil {
		t.Fatal(err)
	}
	if err := g.Add(&Rule{ID: "a-rule", Run: run}); err == nil {
		t.Fatal("a second rule with the same id was accepted")
	}
	if err := g.Add(&Rule{ID: "", Run: run}); err == nil {
		t.Fatal("a rule without an id was accepted")
	}
	if g.ByID("a-rule") == nil || len(g.All()) != 1 {
		t.Fatal("lookup")
	}
}

func TestFixSafetyAllows(t *testing.T) {
	cases := []struct {
		s    FixSafety
		a    Applicability
		want bool
	}{
		{FixSafe, Safe, true}, {FixSafe, Unsafe, false}, {FixUnsafe, Safe, false}, {FixUnsafe, Unsafe, true},
		{FixSafeAndUnsafe, Safe, true}, {FixSafeAndUnsafe, Unsafe, true}, {FixNone, Safe, false}, {FixNone, DisplayOnly, true},
	}
	for _, c := range cases {
		if got := c.s.Allows(c.a); got != c.want {
			t.Errorf("%s allows %s = %v", c.s, c.a, got)
		}
	}
}
