package wrangler

import (
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// FuzzParseCron: ParseCron never panics; an error has a place inside the expression and a
// lower-case message; a Cron's String parses back to the same Cron and String, and Next
// agrees with NeverFires and lands on a minute the Cron fires at.
func FuzzParseCron(f *testing.F) {
	for _, tc := range validCrons {
		f.Add(tc.expr)
	}
	for _, tc := range invalidCrons {
		f.Add(tc.expr)
	}
	from := time.Date(2026, 7, 14, 13, 37, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, expr string) {
		c, err := ParseCron(expr)
		if err != nil {
			checkCronError(t, expr, err)
			return
		}
		s := c.String()
		again, err := ParseCron(s)
		if err != nil {
			t.Fatalf("%q: String() %q does not parse: %s", expr, s, err.Msg)
		}
		if *again != *c || again.String() != s {
			t.Fatalf("%q: String() %q parses to %+v (%q), not %+v", expr, s, *again, again.String(), *c)
		}
		next, ok := c.Next(from)
		if ok == c.NeverFires() {
			t.Fatalf("%q: Next ok = %v but NeverFires = %v", expr, ok, c.NeverFires())
		}
		if ok && (!next.After(from) || !naiveFires(c, next)) {
			t.Fatalf("%q: Next(%v) = %v, which is not a fire time after it", expr, from, next)
		}
	})
}

func checkCronError(t *testing.T, expr string, err *CronError) {
	t.Helper()
	if err.Offset < 0 || err.End > len(expr) || err.Offset > err.End || expr != "" && err.Offset == err.End {
		t.Fatalf("%q: error range [%d,%d) outside the expression: %s", expr, err.Offset, err.End, err.Msg)
	}
	if r, _ := utf8.DecodeRuneInString(err.Msg); err.Msg == "" || unicode.IsUpper(r) {
		t.Fatalf("%q: message %q is empty or capitalised", expr, err.Msg)
	}
	if !utf8.ValidString(err.Msg) {
		t.Fatalf("%q: message %q is not valid UTF-8", expr, err.Msg)
	}
	for _, r := range err.Msg {
		if unicode.IsControl(r) {
			t.Fatalf("%q: message %q holds a raw control character", expr, err.Msg)
		}
	}
}
