package report

import (
	"bytes"
	"strings"
	"testing"
)

func TestChooseColor(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	var notTerminal bytes.Buffer
	for _, c := range []struct {
		mode string
		env  func(string) string
		on   bool
	}{
		{"always", env("NO_COLOR", "1"), true},
		{"never", env("FORCE_COLOR", "1"), false},
		{"auto", env(), false}, // not a terminal
		{"auto", env("FORCE_COLOR", "1"), true},
		{"auto", env("FORCE_COLOR", "3"), true},
		{"auto", env("FORCE_COLOR", "0"), false},
		{"auto", env("FORCE_COLOR", "false"), false},
		{"auto", env("FORCE_COLOR", "0", "TERM", "xterm"), false},
		{"auto", env("NO_COLOR", "1"), false},
	} {
		pt, ok := ChooseColor(c.mode, &notTerminal, c.env)
		if !ok || pt.On != c.on || pt.Links {
			t.Errorf("%s with %v: %+v %v, want On=%v and no links (not a terminal)", c.mode, c.env("FORCE_COLOR"), pt, ok, c.on)
		}
	}
	if _, ok := ChooseColor("sometimes", &notTerminal, env()); ok {
		t.Error("an unknown mode is refused")
	}
}

func TestPaintDiff(t *testing.T) {
	diff := "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n same\n-old\r\n+new\n"
	if got := PaintDiff(diff, Painter{}); got != diff {
		t.Errorf("without colour the diff is unchanged: %q", got)
	}
	got := PaintDiff(diff, Painter{On: true})
	for _, want := range []string{"\x1b[1m--- a/x\x1b[22m\n", "\x1b[36m@@ -1,2 +1,2 @@\x1b[0m\n", " same\n", "\x1b[31m-old\x1b[0m\r\n", "\x1b[32m+new\x1b[0m\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("coloured diff lacks %q:\n%q", want, got)
		}
	}
}
