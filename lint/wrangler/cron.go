package wrangler

import (
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Cron Trigger expressions (triggers.crons) as Cloudflare parses and schedules them.
// Sources: github.com/cloudflare/saffron @90c2af8 (saffron/src/parse.rs, lib.rs), the parser behind
// Cron Triggers (the API through saffron-c, the dashboard through saffron-web and saffron-worker);
// developers.cloudflare.com/workers/configuration/cron-triggers/ "Supported cron expressions";
// workers-sdk#8674 and #8923 ("0 22 * * 0" fails the deploy: "invalid cron string [code: 10100]").
// wrangler itself only checks that crons is an array, so every mistake here fails at deploy.
//   - 5 fields separated by spaces or tabs, nothing before or after; no seconds or year, "?" or "@daily";
//   - minute 0-59, hour 0-23, day-of-month 1-31, month 1-12 or JAN-DEC, day-of-week 1-7 with
//     1 = Sunday (0 is rejected, 7 is Saturday) or SUN-SAT; names any case, L W # upper-case only;
//   - a field is "*" or a list of v, a-b, v/s, a-b/s (step 1 to max-min; a > b wraps around);
//     "*" may start a list only as "*/s", a later item may use it as the minimum ("5,*" = 5,0);
//   - alone in day-of-month: L, LW, L-n, L-nW (n 1-30), nW; in day-of-week: L (Saturday), dL, d#k (k 1-5);
//   - when neither day field is "*", a day matching either one fires ("*/1" is not "*");
//   - crons that compile alike are duplicates, which the API rejects (saffron-web validate).
// Limits: 5 Cron Triggers per account on Workers Free, 250 on Paid (workers/platform/limits).

// CronError says why an expression is invalid; Offset and End are the byte range of the
// offending part inside the expression.
type CronError struct {
	Offset, End int
	Msg         string
}

func (e *CronError) Error() string { return e.Msg }

// DayKind is what the day-of-month field holds.
type DayKind uint8

const (
	DayAny            DayKind = iota // "*"
	DayList                          // values, ranges and steps, in Days
	DayLast                          // "L", or "L-n" with DayN = n
	DayLastWeekday                   // "LW", or "L-nW" with DayN = n
	DayNearestWeekday                // "nW" with DayN = n
)

// WeekdayKind is what the day-of-week field holds.
type WeekdayKind uint8

const (
	WeekdayAny  WeekdayKind = iota // "*"
	WeekdayList                    // values, ranges and steps, in Weekdays
	WeekdayLast                    // "dL": the last such day of the month
	WeekdayNth                     // "d#k": the kth such day of the month, k in Nth
)

// Cron is a parsed expression compiled the way Cloudflare compiles it: two Crons that are
// == are duplicates for Cloudflare.
type Cron struct {
	Minutes  uint64 // bit m: minute m
	Hours    uint32 // bit h: hour h
	Days     uint32 // bit d: day-of-month d (1-31), for DayList
	Months   uint16 // bit m: month m (1-12)
	Weekdays uint8  // bit w: time.Weekday w (0 = Sunday); one bit for WeekdayLast and WeekdayNth
	Day      DayKind
	DayN     uint8
	Weekday  WeekdayKind
	Nth      uint8
}

type cronField struct {
	name     string
	min, max int
	names    []string // 3-letter names of min, min+1, ...
	allowed  string   // the values, for messages
}

const (
	fMinute = iota
	fHour
	fDay
	fMonth
	fWeekday
)

var (
	monthNames   = []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}
	weekdayNames = []string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}
	cronFields   = [5]cronField{
		{"minute", 0, 59, nil, "0-59"},
		{"hour", 0, 23, nil, "0-23"},
		{"day-of-month", 1, 31, nil, "1-31"},
		{"month", 1, 12, monthNames, "1-12 or JAN-DEC"},
		{"day-of-week", 1, 7, weekdayNames, "1-7 (1 = Sunday, 7 = Saturday) or SUN-SAT"},
	}
	cronShortcuts = map[string]string{"@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *",
		"@monthly": "0 0 1 * *", "@weekly": "0 0 * * 1", "@daily": "0 0 * * *",
		"@midnight": "0 0 * * *", "@hourly": "0 * * * *"}
)

// ParseCron parses one entry of triggers.crons.
func ParseCron(expr string) (*Cron, *CronError) {
	fields, err := splitCron(expr)
	if err != nil {
		return nil, err
	}
	c := &Cron{}
	p := &cronParser{s: expr}
	for i, span := range fields {
		p.pos, p.end, p.fi, p.f = span[0], span[1], i, &cronFields[i]
		if err := p.field(c); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func isCronSpace(c byte) bool { return c == ' ' || c == '\t' }

// splitCron finds the five fields; saffron separates them by spaces and tabs and trims nothing.
func splitCron(s string) ([5][2]int, *CronError) {
	var fields [5][2]int
	if strings.TrimSpace(s) == "" {
		return fields, &CronError{0, len(s), "cron expression is empty: write 5 fields, minute hour day-of-month month day-of-week"}
	}
	if n := len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace)); n > 0 {
		return fields, &CronError{0, n, "cron expression starts with whitespace, which Cloudflare rejects: remove it"}
	}
	if t := strings.TrimRightFunc(s, unicode.IsSpace); len(t) < len(s) {
		return fields, &CronError{len(t), len(s), "cron expression ends with whitespace, which Cloudflare rejects: remove it"}
	}
	for i, r := range s {
		if r != ' ' && r != '\t' && unicode.IsSpace(r) {
			return fields, &CronError{i, i + utf8.RuneLen(r), fmt.Sprintf("cron fields must be separated by spaces or tabs, not %q", string(r))}
		}
	}
	n := 0
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && !isCronSpace(s[j]) {
			j++
		}
		if n < 5 {
			fields[n] = [2]int{i, j}
		}
		n++
		for i = j; i < len(s) && isCronSpace(s[i]); i++ {
		}
	}
	if s[0] == '@' {
		word := s[:fields[0][1]]
		std, ok := cronShortcuts[strings.ToLower(word)]
		if !ok {
			std = "minute hour day-of-month month day-of-week"
		} else {
			std = strconv.Quote(std) + " (day-of-week 1 is Sunday)"
		}
		return fields, &CronError{0, len(word), fmt.Sprintf("%q is not supported by Cloudflare: write the 5 fields, %s", word, std)}
	}
	switch {
	case n < 5:
		return fields, &CronError{0, len(s), fmt.Sprintf("cron has %d field%s; Cloudflare needs exactly 5: minute hour day-of-month month day-of-week", n, plural(n))}
	case n > 5:
		return fields, &CronError{0, len(s), fmt.Sprintf("cron has %d fields; Cloudflare accepts exactly 5 (minute hour day-of-month month day-of-week), with no seconds or year field", n)}
	}
	return fields, nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// cronParser reads one field, s[pos:end], at a time.
type cronParser struct {
	s         string
	pos, end  int
	fi        int
	f         *cronField
	itemStart int
}

func (p *cronParser) at(c byte) bool { return p.pos < p.end && p.s[p.pos] == c }

func (p *cronParser) fail(off, end int, format string, args ...any) *CronError {
	return &CronError{off, end, fmt.Sprintf(format, args...)}
}

func (p *cronParser) field(c *Cron) *CronError {
	switch p.fi {
	case fDay:
		return p.dayOfMonth(c)
	case fWeekday:
		return p.dayOfWeek(c)
	}
	set, _, err := p.list()
	switch p.fi {
	case fMinute:
		c.Minutes = set
	case fHour:
		c.Hours = uint32(set)
	case fMonth:
		c.Months = uint16(set)
	}
	return err
}

func (p *cronParser) dayOfMonth(c *Cron) *CronError {
	start := p.pos
	if p.at('L') {
		p.pos++
		c.Day = DayLast
		if p.at('-') {
			p.pos++
			n, err := p.count("day-of-month offset", "L-", 1, 30)
			if err != nil {
				return err
			}
			c.DayN = uint8(n)
		}
		if p.at('W') {
			p.pos++
			c.Day = DayLastWeekday
		}
		return p.alone(start)
	}
	if !p.at('*') {
		n, err := p.value(false, "")
		if err != nil {
			return err
		}
		if p.at('W') {
			p.pos++
			c.Day, c.DayN = DayNearestWeekday, uint8(n)
			return p.alone(start)
		}
		p.pos = start
	}
	set, star, err := p.list()
	if !star {
		c.Day, c.Days = DayList, uint32(set)
	}
	return err
}

func (p *cronParser) dayOfWeek(c *Cron) *CronError {
	start := p.pos
	if p.at('L') { // saffron reads a lone L as Saturday
		p.pos++
		c.Weekday, c.Weekdays = WeekdayList, 1<<time.Saturday
		return p.alone(start)
	}
	if !p.at('*') {
		d, err := p.value(false, "")
		if err != nil {
			return err
		}
		switch {
		case p.at('L'):
			p.pos++
			c.Weekday, c.Weekdays = WeekdayLast, 1<<(d-1)
			return p.alone(start)
		case p.at('#'):
			p.pos++
			k, err := p.count("week number", "#", 1, 5)
			if err != nil {
				return err
			}
			c.Weekday, c.Weekdays, c.Nth = WeekdayNth, 1<<(d-1), uint8(k)
			return p.alone(start)
		}
		p.pos = start
	}
	set, star, err := p.list()
	if !star {
		c.Weekday, c.Weekdays = WeekdayList, uint8(set>>1)
	}
	return err
}

// list reads a whole field of values, ranges and steps; star is true for a lone "*".
func (p *cronParser) list() (set uint64, star bool, err *CronError) {
	p.itemStart = p.pos
	if p.at('*') {
		p.pos++
		if p.pos == p.end {
			return p.f.expand(p.f.min, p.f.max, 1), true, nil
		}
		if !p.at('/') {
			_, n := utf8.DecodeRuneInString(p.s[p.pos:p.end])
			return 0, false, p.fail(p.pos-1, p.pos+n, "%q cannot be followed by %q in %s: write \"*\" alone, \"*/step\", or the values", "*", p.s[p.pos:p.pos+n], p.f.name)
		}
		p.pos++
		s, err := p.step()
		if err != nil {
			return 0, false, err
		}
		set = p.f.expand(p.f.min, p.f.max, s)
	} else {
		lo, err := p.value(false, "")
		if err != nil {
			return 0, false, err
		}
		if set, err = p.rest(lo); err != nil {
			return 0, false, err
		}
	}
	for p.pos < p.end {
		if !p.at(',') {
			return 0, false, p.unexpected()
		}
		p.pos++
		p.itemStart = p.pos
		lo, err := p.value(true, ",")
		if err != nil {
			return 0, false, err
		}
		more, err := p.rest(lo)
		if err != nil {
			return 0, false, err
		}
		set |= more
	}
	return set, false, nil
}

// rest reads what may follow the first value of an item: "-b", "-b/s" or "/s".
func (p *cronParser) rest(lo int) (uint64, *CronError) {
	hi, step := p.f.max, 1 // "v/s" runs to the maximum
	if p.at('-') {
		p.pos++
		var err *CronError
		if hi, err = p.value(false, "-"); err != nil {
			return 0, err
		}
	} else if !p.at('/') {
		hi = lo
	}
	if p.at('/') {
		p.pos++
		var err *CronError
		if step, err = p.step(); err != nil {
			return 0, err
		}
	}
	return p.f.expand(lo, hi, step), nil
}

// expand is the set "a", "a-b" or "a-b/s" stands for, as saffron compiles it. Where a > b the
// range wraps around, and saffron then also takes a-1 (a range) or walks one value past max
// and skips min (a step, in the fields that start at 1): Cloudflare fires on those values.
func (f *cronField) expand(a, b, step int) uint64 {
	switch {
	case a == b:
		return 1 << a
	case step == 1 && a < b:
		return bitRange(a, b)
	case step == 1:
		return bitRange(a-1, f.max) | bitRange(f.min, b)
	}
	var set uint64
	if a < b {
		for v := a; v <= b; v += step {
			set |= 1 << v
		}
		return set
	}
	i := 0
	for v := a; v <= f.max+f.min; v, i = v+1, i+1 {
		if i%step == 0 && v <= f.max {
			set |= 1 << v
		}
	}
	for v := 2 * f.min; v <= b; v, i = v+1, i+1 {
		if i%step == 0 {
			set |= 1 << v
		}
	}
	return set
}

func bitRange(a, b int) uint64 { return (uint64(1)<<(b+1) - 1) &^ (uint64(1)<<a - 1) }

// value reads a number, a name (month, day-of-week) or, where star is set, a "*" meaning the
// minimum; after is the operator before it, for messages.
func (p *cronParser) value(star bool, after string) (int, *CronError) {
	start := p.pos
	if start == p.end {
		what := "value"
		if after == "-" {
			what = "end of range"
		}
		return 0, p.fail(start-1, start, "missing %s after %q in %s", what, after, p.f.name)
	}
	c := p.s[start]
	switch {
	case isDigit(c):
		v, digits := p.number()
		if v < p.f.min || v > p.f.max {
			return 0, p.outOfRange(start, digits, v)
		}
		return v, nil
	case c == '*' && star:
		p.pos++
		return p.f.min, nil
	case c == '*' && after == "-":
		return 0, p.fail(start, start+1, "a range in %s cannot end with \"*\": write the last value, %s", p.f.name, p.f.text(p.f.max))
	case isLetter(c):
		return p.name(start)
	case isSpecial(c):
		return 0, p.special(start)
	}
	_, n := utf8.DecodeRuneInString(p.s[start:p.end])
	if after == "" {
		return 0, p.fail(start, start+n, "%s must start with a value (%s) or \"*\", not %q", p.f.name, p.f.allowed, p.s[start:start+n])
	}
	return 0, p.fail(start, start+n, "expected a %s value (%s) after %q, not %q", p.f.name, p.f.allowed, after, p.s[start:start+n])
}

func isDigit(c byte) bool   { return c >= '0' && c <= '9' }
func isLetter(c byte) bool  { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isSpecial(c byte) bool { return strings.IndexByte("?#LW", c) >= 0 }

// number reads digits; values past 9999 read as 10000, which no field accepts.
func (p *cronParser) number() (int, string) {
	start, v := p.pos, 0
	for ; p.pos < p.end && isDigit(p.s[p.pos]); p.pos++ {
		if v = v*10 + int(p.s[p.pos]-'0'); v > 9999 {
			v = 10000
		}
	}
	return v, p.s[start:p.pos]
}

func (p *cronParser) outOfRange(start int, digits string, v int) *CronError {
	end := start + len(digits)
	switch {
	case p.fi == fWeekday && v == 0:
		return p.fail(start, end, "day-of-week %s is out of range 1-7: Cloudflare numbers days from 1 = Sunday to 7 = Saturday, so write 1 or SUN for Sunday", digits)
	case p.fi == fWeekday:
		return p.fail(start, end, "day-of-week %s is out of range 1-7 (1 = Sunday, 7 = Saturday)", digits)
	}
	return p.fail(start, end, "%s %s is out of range %d-%d", p.f.name, digits, p.f.min, p.f.max)
}

// name reads a 3-letter month or weekday name, which may be followed by L or W (as in FRIL).
func (p *cronParser) name(start int) (int, *CronError) {
	end := start
	for end < p.end && isLetter(p.s[end]) {
		end++
	}
	word := p.s[start:end]
	if len(word) >= 3 && p.f.names != nil && (len(word) == 3 || len(word) == 4 && strings.ContainsRune("LlWw", rune(word[3]))) {
		for i, n := range p.f.names {
			if strings.EqualFold(word[:3], n) {
				p.pos = start + 3
				return p.f.min + i, nil
			}
		}
	}
	switch strings.ToUpper(word) {
	case "L", "W", "LW":
		return 0, p.special(start)
	}
	if p.f.names != nil {
		return 0, p.fail(start, end, "%s name %q is not recognized: use %s (names have 3 letters, any case)", p.f.name, word, p.f.allowed)
	}
	return 0, p.fail(start, end, "%s does not accept names like %q: use %s", p.f.name, word, p.f.allowed)
}

// special explains an L, W, # or ? found where it is not allowed, or a lower-case l or w where
// the upper-case letter would do.
func (p *cronParser) special(at int) *CronError {
	c := p.s[at]
	day, week := p.fi == fDay, p.fi == fWeekday
	var msg string
	switch {
	case c == '?':
		msg = `"?" is not supported by Cloudflare (it comes from Quartz): use "*"`
	case c == 'l' && (day || week), c == 'w' && day:
		msg = fmt.Sprintf("%q must be upper-case in %s: Cloudflare reads only %q", string(c), p.f.name, strings.ToUpper(string(c)))
	case c == 'L' && day:
		msg = `"L" must be the whole day-of-month field (L, LW, L-3 or L-3W): it cannot be combined with other days`
	case c == 'L' && week:
		msg = `"L" must follow a single day and be the whole day-of-week field (6L = last Friday)`
	case c == 'L':
		msg = `"L" is only allowed in day-of-month (L = last day) and day-of-week (6L = last Friday)`
	case c == 'W' && day:
		msg = `"W" must follow a single day or L and be the whole day-of-month field (15W, LW)`
	case c == 'W':
		msg = `"W" is only allowed in day-of-month (15W = nearest weekday to the 15th, LW = last weekday)`
	case c == '#' && week:
		msg = `"#" must follow a single day and be the whole day-of-week field (6#2 = second Friday)`
	case c == '#':
		msg = `"#" is only allowed in day-of-week (6#2 = second Friday)`
	default:
		return p.unexpectedAt(at)
	}
	return &CronError{at, at + 1, msg}
}

func (p *cronParser) unexpected() *CronError { return p.unexpectedAt(p.pos) }

func (p *cronParser) unexpectedAt(at int) *CronError {
	c := p.s[at]
	if isSpecial(c) || c == 'l' && (p.fi == fDay || p.fi == fWeekday) || c == 'w' && p.fi == fDay {
		return p.special(at)
	}
	r, n := utf8.DecodeRuneInString(p.s[at:p.end])
	if unicode.IsSpace(r) {
		return p.fail(at, at+n, "cron fields must be separated by spaces or tabs, not %q", string(r))
	}
	if p.itemStart < at {
		return p.fail(at, at+n, "unexpected %q after %q in %s", p.s[at:at+n], p.s[p.itemStart:at], p.f.name)
	}
	return p.fail(at, at+n, "unexpected %q in %s", p.s[at:at+n], p.f.name)
}

// alone fails unless the field ends here: L, W and # forms cannot be part of a list.
func (p *cronParser) alone(start int) *CronError {
	if p.pos == p.end {
		return nil
	}
	if p.at(',') {
		return p.fail(p.pos, p.end, "%q cannot be combined with other values in %s: it must be the whole field", p.s[start:p.pos], p.f.name)
	}
	p.itemStart = start
	return p.unexpected()
}

// step reads the number after "/", 1 to max-min as saffron allows.
func (p *cronParser) step() (int, *CronError) {
	hi := p.f.max - p.f.min
	start := p.pos
	if start == p.end {
		return 0, p.fail(start-1, start, "missing step after \"/\" in %s (1-%d)", p.f.name, hi)
	}
	if !isDigit(p.s[start]) {
		return 0, p.notNumber(fmt.Sprintf("%s step", p.f.name), 1, hi)
	}
	v, digits := p.number()
	if v < 1 || v > hi {
		return 0, p.fail(start, p.pos, "%s step %s is out of range 1-%d", p.f.name, digits, hi)
	}
	return v, nil
}

// count reads the number after "L-" or "#", which must lie in lo-hi.
func (p *cronParser) count(what, after string, lo, hi int) (int, *CronError) {
	start := p.pos
	if start == p.end {
		return 0, p.fail(start-1, start, "missing %s after %q (%d-%d)", what, after, lo, hi)
	}
	if !isDigit(p.s[start]) {
		return 0, p.notNumber(what, lo, hi)
	}
	v, digits := p.number()
	if v < lo || v > hi {
		return 0, p.fail(start, p.pos, "%s %s is out of range %d-%d", what, digits, lo, hi)
	}
	return v, nil
}

func (p *cronParser) notNumber(what string, lo, hi int) *CronError {
	start, end := p.pos, p.pos
	for end < p.end && (isLetter(p.s[end]) || isDigit(p.s[end])) {
		end++
	}
	if end == start {
		_, n := utf8.DecodeRuneInString(p.s[start:p.end])
		end = start + n
	}
	return p.fail(start, end, "%s must be a number %d-%d, not %q", what, lo, hi, p.s[start:end])
}

// String is the expression in a normal form that parses back to an equal Cron.
func (c *Cron) String() string {
	return strings.Join([]string{
		cronFields[fMinute].format(c.Minutes, true),
		cronFields[fHour].format(uint64(c.Hours), true),
		c.dayString(),
		cronFields[fMonth].format(uint64(c.Months), true),
		c.weekdayString(),
	}, " ")
}

func (c *Cron) dayString() string {
	n := strconv.Itoa(int(c.DayN))
	switch c.Day {
	case DayList:
		return cronFields[fDay].format(uint64(c.Days), false)
	case DayLast, DayLastWeekday:
		s := "L"
		if c.DayN > 0 {
			s += "-" + n
		}
		if c.Day == DayLastWeekday {
			s += "W"
		}
		return s
	case DayNearestWeekday:
		return n + "W"
	}
	return "*"
}

func (c *Cron) weekdayString() string {
	name := weekdayNames[bits.TrailingZeros8(c.Weekdays)&7]
	switch c.Weekday {
	case WeekdayList:
		return cronFields[fWeekday].format(uint64(c.Weekdays)<<1, false)
	case WeekdayLast:
		return name + "L"
	case WeekdayNth:
		return name + "#" + strconv.Itoa(int(c.Nth))
	}
	return "*"
}

// format writes a set as "*" (if star and full), "*/s" or "a/s" (not for weekdays, which read
// better by name), or values and ranges.
func (f *cronField) format(set uint64, star bool) string {
	full := bitRange(f.min, f.max)
	if star && set == full {
		return "*"
	}
	if a, n := bits.TrailingZeros64(set), bits.OnesCount64(set); !f.weekday() && n >= 2 {
		s := bits.TrailingZeros64(set&^(1<<a)) - a
		if s >= 2 && (n >= 3 || a == f.min && 2*s == f.max-f.min+1) && set == f.expand(a, f.max, s) {
			if a == f.min {
				return "*/" + strconv.Itoa(s)
			}
			return f.text(a) + "/" + strconv.Itoa(s)
		}
	}
	var parts []string
	for v := f.min; v <= f.max; v++ {
		if set&(1<<v) == 0 {
			continue
		}
		w := v
		for w < f.max && set&(1<<(w+1)) != 0 {
			w++
		}
		switch {
		case w == v:
			parts = append(parts, f.text(v))
		case w == v+1:
			parts = append(parts, f.text(v), f.text(w))
		default:
			parts = append(parts, f.text(v)+"-"+f.text(w))
		}
		v = w
	}
	return strings.Join(parts, ",")
}

func (f *cronField) weekday() bool { return f == &cronFields[fWeekday] }

// text writes a value; weekdays by name, since Cloudflare's 1 = Sunday misleads.
func (f *cronField) text(v int) string {
	if f.weekday() {
		return weekdayNames[v-1]
	}
	return strconv.Itoa(v)
}

// NeverFires reports whether c never fires. The days a cron picks in a month depend only on
// the month, its length and the weekday of its 1st, and every such combination recurs (a leap
// February starting on a given weekday within 40 years), so checking each once is exact.
func (c *Cron) NeverFires() bool {
	for m := 1; m <= 12; m++ {
		if c.Months&(1<<m) == 0 {
			continue
		}
		for n := monthLength(m, false); n <= monthLength(m, true); n++ {
			for first := 0; first < 7; first++ {
				if c.daysOf(n, first) != 0 {
					return false
				}
			}
		}
	}
	return true
}

func monthLength(m int, leap bool) int {
	switch m {
	case 2:
		if leap {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// Next returns the first minute after after (in UTC) at which c fires, or false if it never fires.
func (c *Cron) Next(after time.Time) (time.Time, bool) {
	if c.NeverFires() {
		return time.Time{}, false
	}
	t := after.UTC().Truncate(time.Minute).Add(time.Minute)
	y, m, d := t.Date()
	h, mi := t.Hour(), t.Minute()
	for range 12 * 400 { // any combination of month shape recurs well within 400 years
		if c.Months&(1<<m) != 0 {
			first := int(time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Weekday())
			days := c.daysOf(monthLength(int(m), isLeap(y)), first) >> d << d
			for ; days != 0; days &= days - 1 {
				day := bits.TrailingZeros32(days)
				if day != d {
					h, mi = 0, 0
				}
				if hh, mm, ok := c.timeFrom(h, mi); ok {
					return time.Date(y, m, day, hh, mm, 0, 0, time.UTC), true
				}
			}
		}
		if m++; m > 12 {
			y, m = y+1, 1
		}
		d, h, mi = 1, 0, 0
	}
	return time.Time{}, false
}

// timeFrom is the first hour and minute of the day at or after h:mi at which c fires.
func (c *Cron) timeFrom(h, mi int) (int, int, bool) {
	if c.Hours&(1<<h) != 0 {
		if ms := c.Minutes >> mi << mi; ms != 0 {
			return h, bits.TrailingZeros64(ms), true
		}
	}
	if hs := c.Hours >> (h + 1) << (h + 1); hs != 0 {
		return bits.TrailingZeros32(hs), bits.TrailingZeros64(c.Minutes), true
	}
	return 0, 0, false
}

// daysOf is the set of days (bit d = day d) on which c fires in a month of n days whose 1st is
// weekday first. When both day fields are restricted, either one matching fires.
func (c *Cron) daysOf(n, first int) uint32 {
	switch {
	case c.Day == DayAny && c.Weekday == WeekdayAny:
		return uint32(bitRange(1, n))
	case c.Day == DayAny:
		return c.weekDays(n, first)
	case c.Weekday == WeekdayAny:
		return c.monthDays(n, first)
	}
	return c.monthDays(n, first) | c.weekDays(n, first)
}

func (c *Cron) monthDays(n, first int) uint32 {
	switch c.Day {
	case DayList:
		return c.Days & uint32(bitRange(1, n))
	case DayLast:
		if d := n - int(c.DayN); d >= 1 {
			return 1 << d
		}
	case DayLastWeekday:
		return nearestWeekday(n-int(c.DayN), n, first)
	case DayNearestWeekday:
		return nearestWeekday(int(c.DayN), n, first)
	}
	return 0
}

// nearestWeekday is the weekday closest to day d without leaving the month (saffron's, as
// Quartz's, W): a Saturday moves to Friday, or to Monday the 3rd if it is the 1st; a Sunday
// moves to Monday, or to Friday if it is the last day. A day the month lacks never fires.
func nearestWeekday(d, n, first int) uint32 {
	if d < 1 || d > n {
		return 0
	}
	switch time.Weekday((first + d - 1) % 7) {
	case time.Saturday:
		if d == 1 {
			return 1 << 3
		}
		return 1 << (d - 1)
	case time.Sunday:
		if d == n {
			return 1 << (d - 2)
		}
		return 1 << (d + 1)
	}
	return 1 << d
}

func (c *Cron) weekDays(n, first int) uint32 {
	w := bits.TrailingZeros8(c.Weekdays)
	d := 1 + (w-first+7)%7 // the first such weekday of the month
	switch c.Weekday {
	case WeekdayList:
		var days uint32
		for w := 0; w < 7; w++ {
			if c.Weekdays&(1<<w) != 0 {
				for d := 1 + (w-first+7)%7; d <= n; d += 7 {
					days |= 1 << d
				}
			}
		}
		return days
	case WeekdayLast:
		for d+7 <= n {
			d += 7
		}
		return 1 << d
	case WeekdayNth:
		if d += 7 * (int(c.Nth) - 1); d <= n {
			return 1 << d
		}
	}
	return 0
}
