package wrangler

import (
	"strconv"
	"strings"

	"github.com/wranglint/wranglint/lint/source"
)

// CronSpan places the byte range [off, end) of a cron expression (as
// ParseCron reports it, in the decoded string) in the config file: inside
// the string literal when the literal is written without escapes, so that
// its text and the decoded value line up byte for byte; the whole literal
// otherwise.
func CronSpan(n *Node, off, end int) source.Span {
	if n == nil || n.Kind != KindString || !n.Span.Valid() {
		return source.Span{}
	}
	inner := contentSpan(n.Span)
	raw := inner.File.Data[inner.Start:inner.End]
	if string(raw) != n.Str || off < 0 || end > len(n.Str) || off > end {
		return n.Span
	}
	if end == off {
		end = min(off+1, len(n.Str))
	}
	return source.Span{File: inner.File, Start: inner.Start + off, End: inner.Start + end}
}

// WeekdayField returns the byte range of the day-of-week field of a cron
// expression that has five fields ("", false otherwise).
func WeekdayField(expr string) (start, end int, ok bool) {
	fields, err := splitCron(expr)
	if err != nil {
		return 0, 0, false
	}
	return fields[fWeekday][0], fields[fWeekday][1], true
}

// NumericWeekdays reports whether a day-of-week field is written with
// numbers only (digits, ranges, lists and steps, no names, L or #): the
// form that reads differently on Cloudflare (1 = Sunday) and in Unix
// cron (0 or 7 = Sunday, 1 = Monday).
func NumericWeekdays(field string) bool {
	if field == "*" || field == "" {
		return false
	}
	digit := false
	for _, c := range field {
		switch {
		case c >= '0' && c <= '9':
			digit = true
		case c == ',' || c == '-' || c == '/' || c == '*':
		default:
			return false
		}
	}
	return digit
}

// WeekdayNames rewrites a numeric day-of-week field with names, reading
// the numbers as Cloudflare does (unix false: 1 = SUN ... 7 = SAT) or as
// Unix cron does (unix true: 0 and 7 = SUN, 1 = MON ... 6 = SAT). Steps
// keep their numbers. A Unix range that ends on Sunday 7 is split (5-7 is
// FRI-SAT,SUN), since a Cloudflare range whose start is after its end
// wraps differently. ok is false when a number is out of range or a
// stepped range would wrap.
func WeekdayNames(field string, unix bool) (string, bool) {
	var items []string
	for _, item := range strings.Split(field, ",") {
		rng, step, hasStep := strings.Cut(item, "/")
		ends := strings.Split(rng, "-")
		if len(ends) > 2 {
			return "", false
		}
		idx := make([]int, len(ends)) // 1 = SUN ... 7 = SAT, 0 for "*"
		for i, v := range ends {
			if v == "*" {
				continue
			}
			n, err := strconv.Atoi(v)
			if err != nil {
				return "", false
			}
			switch {
			case unix && n >= 0 && n <= 7:
				idx[i] = n%7 + 1
			case !unix && n >= 1 && n <= 7:
				idx[i] = n
			default:
				return "", false
			}
		}
		name := func(i int) string {
			if idx[i] == 0 {
				return "*"
			}
			return weekdayNames[idx[i]-1]
		}
		out := name(0)
		if len(ends) == 2 {
			switch {
			case idx[0] <= idx[1] || !unix:
				out += "-" + name(1)
			case hasStep:
				return "", false
			case idx[1] == 1:
				out += "-SAT,SUN"
			default:
				out += "-SAT,SUN-" + name(1)
			}
		}
		if hasStep {
			out += "/" + step
		}
		items = append(items, out)
	}
	return strings.Join(items, ","), true
}
