package wrangler

import (
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

func TestCronSpan(t *testing.T) {
	f := source.NewFile("/p/wrangler.jsonc", "wrangler.jsonc", []byte(`{"triggers": {"crons": ["0 22 * * 0", "0 0 * * \u0030"]}}`))
	root, err := ParseJSONC(f)
	if err != nil {
		t.Fatal(err)
	}
	crons := root.Get("triggers").Get("crons").Strings()
	if got := CronSpan(crons[0], 9, 10).Text(); got != "0" {
		t.Fatalf("plain literal: %q", got)
	}
	if got := CronSpan(crons[1], 8, 9).Text(); got != `"0 0 * * \u0030"` {
		t.Fatalf("escaped literal: %q", got)
	}
}

// unixWeekdays is the set a Unix day-of-week field stands for, as bits
// of time.Weekday (0 = Sunday).
func unixWeekdays(t *testing.T, field string) uint8 {
	t.Helper()
	var set uint8
	for d := 0; d <= 6; d++ {
		if unixMatches(field, d) {
			set |= 1 << d
		}
	}
	return set
}

func unixMatches(field string, d int) bool {
	for _, item := range splitComma(field) {
		lo, hi, step := 0, 7, 1
		rng, st, hasStep := cut(item, "/")
		if hasStep {
			step = atoi(st)
		}
		if rng != "*" {
			a, b, isRange := cut(rng, "-")
			lo = atoi(a)
			hi = lo
			if isRange {
				hi = atoi(b)
			} else if hasStep {
				hi = 7
			}
		}
		for v := lo; v <= hi; v += step {
			if v%7 == d {
				return true
			}
		}
	}
	return false
}

func TestWeekdayNames(t *testing.T) {
	for _, field := range []string{"1-5", "0", "7", "0-6", "1-7", "5-7", "2-6", "1,3,5", "*/2", "1-5/2", "6,0", "3-7"} {
		unix, ok := WeekdayNames(field, true)
		if !ok {
			t.Fatalf("%q: no unix names", field)
		}
		c, err := ParseCron("0 0 * * " + unix)
		if err != nil {
			t.Fatalf("%q -> %q: %v", field, unix, err)
		}
		if want := unixWeekdays(t, field); c.Weekdays != want && !(c.Weekday == WeekdayAny && want == 0x7f) {
			t.Errorf("%q -> %q: Cloudflare runs %07b, Unix %07b", field, unix, c.Weekdays, want)
		}
		if !NumericWeekdays(field) {
			t.Errorf("%q not numeric", field)
		}
	}
	if got, _ := WeekdayNames("1-5", false); got != "SUN-THU" {
		t.Fatalf("cloudflare reading %q", got)
	}
	if got, _ := WeekdayNames("1-5", true); got != "MON-FRI" {
		t.Fatalf("unix reading %q", got)
	}
	for _, f := range []string{"*", "MON-FRI", "6L", "6#2", ""} {
		if NumericWeekdays(f) {
			t.Errorf("%q read as numeric", f)
		}
	}
}

func splitComma(s string) []string {
	var out []string
	for {
		a, b, ok := cut(s, ",")
		out = append(out, a)
		if !ok {
			return out
		}
		s = b
	}
}

func cut(s, sep string) (string, string, bool) {
	for i := 0; i+len(sep) <= len(s); i++ {
		if s[i:i+len(sep)] == sep {
			return s[:i], s[i+len(sep):], true
		}
	}
	return s, "", false
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
