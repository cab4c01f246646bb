package source

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Escape makes text from files safe to print on a terminal: control
// characters, invalid UTF-8 and the invisible characters that reorder or
// hide text (bidi controls) are written as Go escapes (\x1b, \u202e).
func Escape(s string) string { return escape(s, false) }

// EscapeLine is Escape for a line of a diff: tabs and the line ending are
// kept, so that the diff still applies when nothing else needed escaping.
func EscapeLine(s string) string {
	body := strings.TrimRight(s, "\r\n")
	return escape(body, true) + s[len(body):]
}

func escape(s string, keepTabs bool) string {
	clean := true
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if NeedsEscape(r) && !(keepTabs && r == '\t') {
			clean = false
			break
		}
		i += size
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if keepTabs && r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteString(EscapeRune(r, size == 1 && r == utf8.RuneError, s[i]))
		}
		i += size
	}
	return b.String()
}

// EscapeRune returns r as printed; invalid says r stands for the invalid
// byte first.
func EscapeRune(r rune, invalid bool, first byte) string {
	switch {
	case invalid:
		return fmt.Sprintf(`\x%02x`, first)
	case !NeedsEscape(r):
		return string(r)
	case r == '\t':
		return `\t`
	case r == '\n':
		return `\n`
	case r == '\r':
		return `\r`
	case r < 0x80:
		return fmt.Sprintf(`\x%02x`, r)
	}
	return fmt.Sprintf(`\u%04x`, r)
}

// NeedsEscape: C0 and C1 controls, DEL, bidi controls, line and paragraph
// separators, and U+FFFD (what invalid UTF-8 decodes to).
func NeedsEscape(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r < 0xa0:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x2028, r == 0x2029, r == utf8.RuneError:
		return true
	}
	return false
}
