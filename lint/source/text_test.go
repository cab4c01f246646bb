package source

import "testing"

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"abc", "", 3}, {"kitten", "sitting", 3}, {"coderagent", "coder-agent", 1}, {"ü", "u", 1}} {
		if got := EditDistance(c.a, c.b); got != c.d {
			t.Errorf("EditDistance(%q,%q)=%d want %d", c.a, c.b, got, c.d)
		}
	}
}

func TestTypoDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"public", "pubilc", 1}, {"public", "public", 0}, {"", "abc", 3}, {"dist", "dsit", 1},
		{"assets", "asset", 1}, {"ca", "abc", 3}, {"static", "statci", 1}, {"build", "dist", 4},
	} {
		if got := TypoDistance(c.a, c.b); got != c.want {
			t.Errorf("TypoDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := TypoDistance(c.b, c.a); got != c.want {
			t.Errorf("TypoDistance(%q, %q) = %d, want %d (symmetric)", c.b, c.a, got, c.want)
		}
	}
}
