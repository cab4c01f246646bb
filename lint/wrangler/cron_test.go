package wrangler

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"
)

// validCrons maps expressions Cloudflare accepts to their normal form (Cron.String).
var validCrons = []struct{ expr, want string }{
	// the examples of developers.cloudflare.com/workers/configuration/cron-triggers and
	// workers/examples/*cron-trigger*
	{"* * * * *", "* * * * *"},
	{"*/30 * * * *", "*/30 * * * *"},
	{"45 * * * *", "45 * * * *"},
	{"0 17 * * sun", "0 17 * * SUN"},
	{"0 17 * * 1", "0 17 * * SUN"},
	{"10 7 * * mon-fri", "10 7 * * MON-FRI"},
	{"10 7 * * 2-6", "10 7 * * MON-FRI"},
	{"0 15 1 * *", "0 15 1 * *"},
	{"0 18 * * 6L", "0 18 * * FRIL"},
	{"0 18 * * friL", "0 18 * * FRIL"},
	{"59 23 LW * *", "59 23 LW * *"},
	{"*/3 * * * *", "*/3 * * * *"},
	{"*/10 * * * *", "*/10 * * * *"},
	{"*/45 * * * *", "0,45 * * * *"},
	{"0 * * * *", "0 * * * *"},
	{"*/5 * * * *", "*/5 * * * *"},

	// values, ranges, steps and lists
	{"0 0 * * *", "0 0 * * *"},
	{"59 23 31 12 7", "59 23 31 12 SAT"},
	{"0-59 0-23 1-31 1-12 1-7", "* * 1-31 * SUN-SAT"},
	{"005 07 01 01 01", "5 7 1 1 SUN"},
	{"1,2,3,10 * * * *", "1-3,10 * * * *"},
	{"1,2 * * * *", "1,2 * * * *"},
	{"5/15 * * * *", "5/15 * * * *"},
	{"5-40/10 * * * *", "5,15,25,35 * * * *"},
	{"5-30/10 * * * *", "5,15,25 * * * *"},
	{"*/15,30-59/10 0 * * *", "0,15,30,40,45,50 0 * * *"},
	{"0/1 * * * *", "* * * * *"},
	{"59/3 * * * *", "59 * * * *"},
	{"7-7 * * * *", "7 * * * *"},
	{"7-7/5 * * * *", "7 * * * *"},
	{"0 */2 * * *", "0 */2 * * *"},
	{"0 */12 * * *", "0 */12 * * *"},
	{"0 0 */2 * *", "0 0 */2 * *"},
	{"0 0 2/2 * *", "0 0 2/2 * *"},
	{"0 0 */1 * *", "0 0 1-31 * *"},
	{"0 0 1 */3 *", "0 0 1 */3 *"},
	{"0 0 1 */6 *", "0 0 1 */6 *"},
	{"0 0 * * */2", "0 0 * * SUN,TUE,THU,SAT"},
	{"0 0 * * */1", "0 0 * * SUN-SAT"},
	{"0\t0  *\t \t* *", "0 0 * * *"},

	// names, any case, in ranges, lists and steps
	{"0 0 1 jan,Feb,MAR *", "0 0 1 1-3 *"},
	{"0 0 1 JAN-DEC *", "0 0 1 * *"},
	{"0 0 1 jan/4 *", "0 0 1 */4 *"},
	{"0 0 1 1-MAR,MAY-7,SEP-11 *", "0 0 1 1-3,5-7,9-11 *"},
	{"0 0 * * SUN,sat", "0 0 * * SUN,SAT"},
	{"0 0 * * mOn-WeD/2", "0 0 * * MON,WED"},
	{"0 0 * * 2,WED,FRI,7", "0 0 * * MON,WED,FRI,SAT"},

	// "*" starts a list only as "*/s"; later items may use it, as the minimum
	{"*/20,5 * * * *", "0,5,20,40 * * * *"},
	{"5,* * * * *", "0,5 * * * *"},
	{"5,*-2 * * * *", "0-2,5 * * * *"},
	{"5,*/30 * * * *", "0,5,30 * * * *"},
	{"0 0 15,* * *", "0 0 1,15 * *"},
	{"0 0 1 6,* *", "0 0 1 1,6 *"},
	{"0 0 * * 4,*", "0 0 * * SUN,WED"},

	// ranges whose start is after their end wrap around; saffron adds the value before the start
	{"50-10 * * * *", "0-10,49-59 * * * *"},
	{"59-0 23-0 31-1 12-1 *", "0,58,59 0,22,23 1,30,31 1,11,12 *"},
	{"0 0 * * SAT-SUN", "0 0 * * SUN,FRI,SAT"},
	{"0 0 1 NOV-2 *", "0 0 1 1,2,10-12 *"},
	// and wrapping steps: correct in minute and hour, one past the maximum elsewhere
	{"0 20-4/2 * * *", "0 0,2,4,20,22 * * *"},
	{"50-10/5 * * * *", "0,5,10,50,55 * * * *"},
	{"0 0 30-3/2 * *", "0 0 3,30 * *"},
	{"0 0 1 11-2/2 *", "0 0 1 11 *"},
	{"0 0 * * 6-3/2", "0 0 * * TUE,FRI"},

	// L, W and #
	{"0 0 L * *", "0 0 L * *"},
	{"0 0 L-3 * *", "0 0 L-3 * *"},
	{"0 0 L-30 * *", "0 0 L-30 * *"},
	{"0 0 LW * *", "0 0 LW * *"},
	{"0 0 L-1W * *", "0 0 L-1W * *"},
	{"0 0 15W * *", "0 0 15W * *"},
	{"0 0 1W * *", "0 0 1W * *"},
	{"0 0 31W * *", "0 0 31W * *"},
	{"0 0 * * L", "0 0 * * SAT"},
	{"0 0 * * 7L", "0 0 * * SATL"},
	{"0 0 * * 1L", "0 0 * * SUNL"},
	{"0 0 * * MONL", "0 0 * * MONL"},
	{"0 0 * * 5#2", "0 0 * * THU#2"},
	{"0 0 * * mon#1", "0 0 * * MON#1"},
	{"0 0 * * SAT#5", "0 0 * * SAT#5"},
	{"0 0 L * 6L", "0 0 L * FRIL"},
}

// invalidCrons are rejected by Cloudflare; the message and byte range are exact.
var invalidCrons = []struct {
	expr        string
	offset, end int
	msg         string
}{
	// the shape of the expression
	{"", 0, 0, "cron expression is empty: write 5 fields, minute hour day-of-month month day-of-week"},
	{"  ", 0, 2, "cron expression is empty: write 5 fields, minute hour day-of-month month day-of-week"},
	{" 0 * * * *", 0, 1, "cron expression starts with whitespace, which Cloudflare rejects: remove it"},
	{"0 * * * *\t ", 9, 11, "cron expression ends with whitespace, which Cloudflare rejects: remove it"},
	{"0 * * *", 0, 7, "cron has 4 fields; Cloudflare needs exactly 5: minute hour day-of-month month day-of-week"},
	{"daily", 0, 5, "cron has 1 field; Cloudflare needs exactly 5: minute hour day-of-month month day-of-week"},
	{"0 0 12 * * ?", 0, 12, "cron has 6 fields; Cloudflare accepts exactly 5 (minute hour day-of-month month day-of-week), with no seconds or year field"},
	{"0 12 * * ? 2026", 0, 15, "cron has 6 fields; Cloudflare accepts exactly 5 (minute hour day-of-month month day-of-week), with no seconds or year field"},
	{"0\n0 * * *", 1, 2, `cron fields must be separated by spaces or tabs, not "\n"`},
	{"0 0 *\r\n* *", 5, 6, `cron fields must be separated by spaces or tabs, not "\r"`},
	{"0 0 * * *\n", 9, 10, "cron expression ends with whitespace, which Cloudflare rejects: remove it"},
	{"\u00a00 0 * * *", 0, 2, "cron expression starts with whitespace, which Cloudflare rejects: remove it"},
	{"0 0 * * 1\u200b", 9, 12, `unexpected "\u200b" after "1" in day-of-week`},
	{"0 0\u00a0* * * *", 3, 5, `cron fields must be separated by spaces or tabs, not "\u00a0"`},
	{"0 0\v* * *", 3, 4, `cron fields must be separated by spaces or tabs, not "\v"`},
	{"@daily", 0, 6, `"@daily" is not supported by Cloudflare: write the 5 fields, "0 0 * * *" (day-of-week 1 is Sunday)`},
	{"@WEEKLY", 0, 7, `"@WEEKLY" is not supported by Cloudflare: write the 5 fields, "0 0 * * 1" (day-of-week 1 is Sunday)`},
	{"@reboot", 0, 7, `"@reboot" is not supported by Cloudflare: write the 5 fields, minute hour day-of-month month day-of-week`},

	// values out of range
	{"60 * * * *", 0, 2, "minute 60 is out of range 0-59"},
	{"0 24 * * *", 2, 4, "hour 24 is out of range 0-23"},
	{"23 59 LW * *", 3, 5, "hour 59 is out of range 0-23"}, // the docs' own example until 2023
	{"0 0 0 * *", 4, 5, "day-of-month 0 is out of range 1-31"},
	{"0 0 32 * *", 4, 6, "day-of-month 32 is out of range 1-31"},
	{"0 0 1 0 *", 6, 7, "month 0 is out of range 1-12"},
	{"0 0 1 13 *", 6, 8, "month 13 is out of range 1-12"},
	{"0 22 * * 0", 9, 10, "day-of-week 0 is out of range 1-7: Cloudflare numbers days from 1 = Sunday to 7 = Saturday, so write 1 or SUN for Sunday"},
	{"0 0 * * 0-6", 8, 9, "day-of-week 0 is out of range 1-7: Cloudflare numbers days from 1 = Sunday to 7 = Saturday, so write 1 or SUN for Sunday"},
	{"0 0 * * 1-8", 10, 11, "day-of-week 8 is out of range 1-7 (1 = Sunday, 7 = Saturday)"},
	{"1-60 * * * *", 2, 4, "minute 60 is out of range 0-59"},
	{"5,99999999999999999999 * * * *", 2, 22, "minute 99999999999999999999 is out of range 0-59"},
	{"0 0 1W,32 * *", 6, 9, `"1W" cannot be combined with other values in day-of-month: it must be the whole field`},
	{"0 0 0W * *", 4, 5, "day-of-month 0 is out of range 1-31"},
	{"0 0 * * 8L", 8, 9, "day-of-week 8 is out of range 1-7 (1 = Sunday, 7 = Saturday)"},
	{"0 0 * * 0#1", 8, 9, "day-of-week 0 is out of range 1-7: Cloudflare numbers days from 1 = Sunday to 7 = Saturday, so write 1 or SUN for Sunday"},

	// steps
	{"*/0 * * * *", 2, 3, "minute step 0 is out of range 1-59"},
	{"*/60 * * * *", 2, 4, "minute step 60 is out of range 1-59"},
	{"0 */24 * * *", 4, 6, "hour step 24 is out of range 1-23"},
	{"0 0 */31 * *", 6, 8, "day-of-month step 31 is out of range 1-30"},
	{"0 0 1 */12 *", 8, 10, "month step 12 is out of range 1-11"},
	{"0 0 * * */7", 10, 11, "day-of-week step 7 is out of range 1-6"},
	{"0 0 * * 1-7/0", 12, 13, "day-of-week step 0 is out of range 1-6"},
	{"*/ * * * *", 1, 2, `missing step after "/" in minute (1-59)`},
	{"*/x * * * *", 2, 3, `minute step must be a number 1-59, not "x"`},
	{"0 0 1 */JAN *", 8, 11, `month step must be a number 1-11, not "JAN"`},
	{"*/5/2 * * * *", 3, 4, `unexpected "/" after "*/5" in minute`},

	// names
	{"0 0 1 JANUARY *", 6, 13, `month name "JANUARY" is not recognized: use 1-12 or JAN-DEC (names have 3 letters, any case)`},
	{"0 0 * * MONDAY", 8, 14, `day-of-week name "MONDAY" is not recognized: use 1-7 (1 = Sunday, 7 = Saturday) or SUN-SAT (names have 3 letters, any case)`},
	{"0 0 * * MO", 8, 10, `day-of-week name "MO" is not recognized: use 1-7 (1 = Sunday, 7 = Saturday) or SUN-SAT (names have 3 letters, any case)`},
	{"0 0 * * MONX", 8, 12, `day-of-week name "MONX" is not recognized: use 1-7 (1 = Sunday, 7 = Saturday) or SUN-SAT (names have 3 letters, any case)`},
	{"0 0 * JAN MON-fry", 14, 17, `day-of-week name "fry" is not recognized: use 1-7 (1 = Sunday, 7 = Saturday) or SUN-SAT (names have 3 letters, any case)`},
	{"0 0 MON * *", 4, 7, `day-of-month does not accept names like "MON": use 1-31`},
	{"0 noon * * *", 2, 6, `hour does not accept names like "noon": use 0-23`},
	{"0 0 * * JAN", 8, 11, `day-of-week name "JAN" is not recognized: use 1-7 (1 = Sunday, 7 = Saturday) or SUN-SAT (names have 3 letters, any case)`},

	// "*", ",", "-"
	{"*,5 * * * *", 0, 2, `"*" cannot be followed by "," in minute: write "*" alone, "*/step", or the values`},
	{"*-5 * * * *", 0, 2, `"*" cannot be followed by "-" in minute: write "*" alone, "*/step", or the values`},
	{"0 0 * * *5", 8, 10, `"*" cannot be followed by "5" in day-of-week: write "*" alone, "*/step", or the values`},
	{"** * * * *", 0, 2, `"*" cannot be followed by "*" in minute: write "*" alone, "*/step", or the values`},
	{"1-* * * * *", 2, 3, `a range in minute cannot end with "*": write the last value, 59`},
	{"0 0 * * MON-*", 12, 13, `a range in day-of-week cannot end with "*": write the last value, SAT`},
	{"1, * * * *", 1, 2, `missing value after "," in minute`},
	{"1,,2 * * * *", 2, 3, `expected a minute value (0-59) after ",", not ","`},
	{",1 * * * *", 0, 1, `minute must start with a value (0-59) or "*", not ","`},
	{"1- * * * *", 1, 2, `missing end of range after "-" in minute`},
	{"1-2-3 * * * *", 3, 4, `unexpected "-" after "1-2" in minute`},
	{"-1 * * * *", 0, 1, `minute must start with a value (0-59) or "*", not "-"`},
	{"1.5 * * * *", 1, 2, `unexpected "." after "1" in minute`},
	{"0 0 1 1 1,Ü", 10, 12, `expected a day-of-week value (1-7 (1 = Sunday, 7 = Saturday) or SUN-SAT) after ",", not "Ü"`},
	{"0 0 1 1 1\x00", 9, 10, `unexpected "\x00" after "1" in day-of-week`},

	// "?" and L, W, # where they are not allowed
	{"0 12 * * ?", 9, 10, `"?" is not supported by Cloudflare (it comes from Quartz): use "*"`},
	{"0 12 ? * MON", 5, 6, `"?" is not supported by Cloudflare (it comes from Quartz): use "*"`},
	{"L * * * *", 0, 1, `"L" is only allowed in day-of-month (L = last day) and day-of-week (6L = last Friday)`},
	{"0 0 1 L *", 6, 7, `"L" is only allowed in day-of-month (L = last day) and day-of-week (6L = last Friday)`},
	{"0 0 1 JANL *", 9, 10, `"L" is only allowed in day-of-month (L = last day) and day-of-week (6L = last Friday)`},
	{"0 5W * * *", 3, 4, `"W" is only allowed in day-of-month (15W = nearest weekday to the 15th, LW = last weekday)`},
	{"0 0 * * 5W", 9, 10, `"W" is only allowed in day-of-month (15W = nearest weekday to the 15th, LW = last weekday)`},
	{"0 0 * * SUNW", 11, 12, `"W" is only allowed in day-of-month (15W = nearest weekday to the 15th, LW = last weekday)`},
	{"0 0 1#2 * *", 5, 6, `"#" is only allowed in day-of-week (6#2 = second Friday)`},
	{"0 0 lw * *", 4, 5, `"l" must be upper-case in day-of-month: Cloudflare reads only "L"`},
	{"0 0 15w * *", 6, 7, `"w" must be upper-case in day-of-month: Cloudflare reads only "W"`},
	{"0 0 * * l", 8, 9, `"l" must be upper-case in day-of-week: Cloudflare reads only "L"`},
	{"0 18 * * fril", 12, 13, `"l" must be upper-case in day-of-week: Cloudflare reads only "L"`},
	{"0 0 Lw * *", 5, 6, `"w" must be upper-case in day-of-month: Cloudflare reads only "W"`},
	{"0 0 * * 5w", 9, 10, `unexpected "w" after "5" in day-of-week`},

	// L, W and # must be the whole day field
	{"0 0 1,L * *", 6, 7, `"L" must be the whole day-of-month field (L, LW, L-3 or L-3W): it cannot be combined with other days`},
	{"0 0 L,1 * *", 5, 7, `"L" cannot be combined with other values in day-of-month: it must be the whole field`},
	{"0 0 L-3,1 * *", 7, 9, `"L-3" cannot be combined with other values in day-of-month: it must be the whole field`},
	{"0 0 15W,1 * *", 7, 9, `"15W" cannot be combined with other values in day-of-month: it must be the whole field`},
	{"0 0 1,15W * *", 8, 9, `"W" must follow a single day or L and be the whole day-of-month field (15W, LW)`},
	{"0 0 1-5W * *", 7, 8, `"W" must follow a single day or L and be the whole day-of-month field (15W, LW)`},
	{"0 0 W * *", 4, 5, `"W" must follow a single day or L and be the whole day-of-month field (15W, LW)`},
	{"0 0 15W/2 * *", 7, 8, `unexpected "/" after "15W" in day-of-month`},
	{"0 0 L5 * *", 5, 6, `unexpected "5" after "L" in day-of-month`},
	{"0 0 LL * *", 5, 6, `"L" must be the whole day-of-month field (L, LW, L-3 or L-3W): it cannot be combined with other days`},
	{"0 0 L- * *", 5, 6, `missing day-of-month offset after "L-" (1-30)`},
	{"0 0 L-0 * *", 6, 7, "day-of-month offset 0 is out of range 1-30"},
	{"0 0 L-31 * *", 6, 8, "day-of-month offset 31 is out of range 1-30"},
	{"0 0 L-x * *", 6, 7, `day-of-month offset must be a number 1-30, not "x"`},
	{"0 0 LW-1 * *", 6, 7, `unexpected "-" after "LW" in day-of-month`},
	{"0 0 * * 5L,6", 10, 12, `"5L" cannot be combined with other values in day-of-week: it must be the whole field`},
	{"0 0 * * 1,5L", 11, 12, `"L" must follow a single day and be the whole day-of-week field (6L = last Friday)`},
	{"0 0 * * 1-5L", 11, 12, `"L" must follow a single day and be the whole day-of-week field (6L = last Friday)`},
	{"0 0 * * L-2", 9, 10, `unexpected "-" after "L" in day-of-week`},
	{"0 0 * * LW", 9, 10, `"W" is only allowed in day-of-month (15W = nearest weekday to the 15th, LW = last weekday)`},
	{"0 0 * * 5#2,6#3", 11, 15, `"5#2" cannot be combined with other values in day-of-week: it must be the whole field`},
	{"0 0 * * 1,5#2", 11, 12, `"#" must follow a single day and be the whole day-of-week field (6#2 = second Friday)`},
	{"0 0 * * 5#", 9, 10, `missing week number after "#" (1-5)`},
	{"0 0 * * 5#0", 10, 11, "week number 0 is out of range 1-5"},
	{"0 0 * * 5#6", 10, 11, "week number 6 is out of range 1-5"},
	{"0 0 * * 5#L", 10, 11, `week number must be a number 1-5, not "L"`},
	{"0 0 * * 5L#2", 10, 11, `"#" must follow a single day and be the whole day-of-week field (6#2 = second Friday)`},
	{"0 0 * * *#2", 8, 10, `"*" cannot be followed by "#" in day-of-week: write "*" alone, "*/step", or the values`},
}

func TestParseCronValid(t *testing.T) {
	for _, tc := range validCrons {
		c, err := ParseCron(tc.expr)
		if err != nil {
			t.Errorf("ParseCron(%q): %s [%d,%d)", tc.expr, err.Msg, err.Offset, err.End)
			continue
		}
		if got := c.String(); got != tc.want {
			t.Errorf("ParseCron(%q).String() = %q, want %q", tc.expr, got, tc.want)
		}
	}
}

func TestParseCronInvalid(t *testing.T) {
	for _, tc := range invalidCrons {
		c, err := ParseCron(tc.expr)
		if err == nil {
			t.Errorf("ParseCron(%q) = %q, want an error", tc.expr, c)
			continue
		}
		if err.Msg != tc.msg || err.Offset != tc.offset || err.End != tc.end {
			t.Errorf("ParseCron(%q):\n got [%d,%d) %s\nwant [%d,%d) %s", tc.expr, err.Offset, err.End, err.Msg, tc.offset, tc.end, tc.msg)
		}
	}
}

func mustCron(t testing.TB, expr string) *Cron {
	t.Helper()
	c, err := ParseCron(expr)
	if err != nil {
		t.Fatalf("ParseCron(%q): %s", expr, err.Msg)
	}
	return c
}

func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

// firings lists the next n fire times after from.
func firings(c *Cron, from time.Time, n int) []string {
	var out []string
	for range n {
		next, ok := c.Next(from)
		if !ok {
			break
		}
		out = append(out, next.Format("2006-01-02 15:04 Mon"))
		from = next
	}
	return out
}

func TestCronNext(t *testing.T) {
	tests := []struct {
		expr, from string
		want       []string
	}{
		{"*/20 * * * *", "2026-03-07 10:15", []string{"2026-03-07 10:20 Sat", "2026-03-07 10:40 Sat", "2026-03-07 11:00 Sat"}},
		{"59 23 31 12 *", "2026-12-31 23:59", []string{"2027-12-31 23:59 Fri"}},
		{"0 0 29 2 *", "2026-01-01 00:00", []string{"2028-02-29 00:00 Tue", "2032-02-29 00:00 Sun"}},
		{"0 0 29 2 *", "2096-03-01 00:00", []string{"2104-02-29 00:00 Fri"}}, // 2100 is not a leap year
		// docs: 1 = Sunday, 2-6 = Monday to Friday, 6L = last Friday, LW = last weekday
		{"0 17 * * 1", "2026-09-01 00:00", []string{"2026-09-06 17:00 Sun", "2026-09-13 17:00 Sun"}},
		{"10 7 * * 2-6", "2026-09-04 08:00", []string{"2026-09-07 07:10 Mon", "2026-09-08 07:10 Tue"}},
		{"0 18 * * 6L", "2026-01-01 00:00", []string{"2026-01-30 18:00 Fri", "2026-02-27 18:00 Fri", "2026-03-27 18:00 Fri"}},
		{"59 23 LW * *", "2026-01-01 00:00", []string{"2026-01-30 23:59 Fri", "2026-02-27 23:59 Fri", "2026-03-31 23:59 Tue", "2026-04-30 23:59 Thu", "2026-05-29 23:59 Fri"}},
		// L, L-n and L-nW in short months
		{"0 0 L * *", "2024-01-31 00:00", []string{"2024-02-29 00:00 Thu", "2024-03-31 00:00 Sun", "2024-04-30 00:00 Tue"}},
		{"0 0 L-1 2 *", "2023-01-01 00:00", []string{"2023-02-27 00:00 Mon", "2024-02-28 00:00 Wed"}},
		{"0 0 L-30 * *", "2025-12-31 00:00", []string{"2026-01-01 00:00 Thu", "2026-03-01 00:00 Sun", "2026-05-01 00:00 Fri"}},
		{"0 0 L-1W * *", "2026-01-01 00:00", []string{"2026-01-30 00:00 Fri", "2026-02-27 00:00 Fri", "2026-03-30 00:00 Mon"}},
		// W stays inside the month: a Saturday 1st moves to Monday the 3rd, a Sunday last day to Friday
		{"0 0 1W * *", "2026-07-31 00:00", []string{"2026-08-03 00:00 Mon", "2026-09-01 00:00 Tue", "2026-10-01 00:00 Thu", "2026-11-02 00:00 Mon"}},
		{"0 0 31W * *", "2026-05-01 00:00", []string{"2026-05-29 00:00 Fri", "2026-07-31 00:00 Fri", "2026-08-31 00:00 Mon"}},
		{"0 0 15W * *", "2026-08-01 00:00", []string{"2026-08-14 00:00 Fri", "2026-09-15 00:00 Tue", "2026-10-15 00:00 Thu", "2026-11-16 00:00 Mon"}},
		// # and dL
		{"0 0 * * 5#2", "2026-01-01 00:00", []string{"2026-01-08 00:00 Thu", "2026-02-12 00:00 Thu"}},
		{"0 0 * * MON#5", "2026-01-01 00:00", []string{"2026-03-30 00:00 Mon", "2026-06-29 00:00 Mon", "2026-08-31 00:00 Mon"}},
		{"0 0 * 2 MON#5", "2026-01-01 00:00", []string{"2044-02-29 00:00 Mon"}}, // beyond any 8-year horizon
		{"0 0 * * 1L", "2026-01-01 00:00", []string{"2026-01-25 00:00 Sun", "2026-02-22 00:00 Sun", "2026-03-29 00:00 Sun"}},
		{"0 0 * * L", "2026-01-01 00:00", []string{"2026-01-03 00:00 Sat", "2026-01-10 00:00 Sat"}},
		// saffron's wrap-around ranges take the value before their start: SAT-SUN fires on Fridays
		{"0 0 * * SAT-SUN", "2026-01-01 00:00", []string{"2026-01-02 00:00 Fri", "2026-01-03 00:00 Sat", "2026-01-04 00:00 Sun", "2026-01-09 00:00 Fri"}},
		{"0 22-1 * * *", "2026-01-01 12:00", []string{"2026-01-01 21:00 Thu", "2026-01-01 22:00 Thu", "2026-01-01 23:00 Thu", "2026-01-02 00:00 Fri", "2026-01-02 01:00 Fri"}},
	}
	for _, tc := range tests {
		got := firings(mustCron(t, tc.expr), utc(tc.from), len(tc.want))
		if strings.Join(got, ", ") != strings.Join(tc.want, ", ") {
			t.Errorf("%q after %s:\n got %v\nwant %v", tc.expr, tc.from, got, tc.want)
		}
	}
}

func TestCronNextTimeZonesAndSeconds(t *testing.T) {
	c := mustCron(t, "30 9 * * *")
	tokyo := time.FixedZone("JST", 9*3600)
	got, ok := c.Next(time.Date(2026, 5, 1, 18, 29, 59, 999, tokyo)) // 09:29:59 UTC
	if want := utc("2026-05-01 09:30"); !ok || !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("Next = %v, %v; want %v in UTC", got, ok, want)
	}
	if got, _ := c.Next(utc("2026-05-01 09:30")); !got.Equal(utc("2026-05-02 09:30")) {
		t.Errorf("Next must be strictly after its argument, got %v", got)
	}
}

// When both day fields are restricted, Cloudflare fires on days matching either (saffron
// Cron::contains and find_next_day); "*/1" and "1-7" restrict, only "*" does not.
func TestCronDayFieldsCombineWithOr(t *testing.T) {
	tests := []struct {
		expr string
		want []string
	}{
		{"0 0 13 * 6", []string{"2026-02-06 00:00 Fri", "2026-02-13 00:00 Fri", "2026-02-20 00:00 Fri", "2026-02-27 00:00 Fri", "2026-03-06 00:00 Fri", "2026-03-13 00:00 Fri"}},
		{"0 0 1,15 * MON", []string{"2026-02-01 00:00 Sun", "2026-02-02 00:00 Mon", "2026-02-09 00:00 Mon", "2026-02-15 00:00 Sun", "2026-02-16 00:00 Mon"}},
		{"0 0 L * 6L", []string{"2026-02-27 00:00 Fri", "2026-02-28 00:00 Sat", "2026-03-27 00:00 Fri", "2026-03-31 00:00 Tue"}},
		{"0 0 31 * MON#1", []string{"2026-02-02 00:00 Mon", "2026-03-02 00:00 Mon", "2026-03-31 00:00 Tue"}},
		{"0 0 */1 * MON", []string{"2026-02-01 00:00 Sun", "2026-02-02 00:00 Mon", "2026-02-03 00:00 Tue"}},
		{"0 0 13 * 1-7", []string{"2026-02-01 00:00 Sun", "2026-02-02 00:00 Mon", "2026-02-03 00:00 Tue"}},
		{"0 0 13 * *", []string{"2026-02-13 00:00 Fri", "2026-03-13 00:00 Fri"}},
		{"0 0 * * FRI", []string{"2026-02-06 00:00 Fri", "2026-02-13 00:00 Fri"}},
		{"0 0 30 2 MON", []string{"2026-02-02 00:00 Mon", "2026-02-09 00:00 Mon"}}, // Feb 30 never comes, Mondays do
	}
	for _, tc := range tests {
		got := firings(mustCron(t, tc.expr), utc("2026-01-31 12:00"), len(tc.want))
		if strings.Join(got, ", ") != strings.Join(tc.want, ", ") {
			t.Errorf("%q:\n got %v\nwant %v", tc.expr, got, tc.want)
		}
	}
}

func TestCronNeverFires(t *testing.T) {
	tests := []struct {
		expr  string
		never bool
	}{
		{"0 0 30 2 *", true},
		{"0 0 31 4,6,9,11 *", true},
		{"0 0 30,31 2 *", true},
		{"0 0 30W 2 *", true},
		{"0 0 31W 4 *", true},
		{"0 0 L-29 2 *", true},
		{"0 0 L-28 2 *", false}, // Feb 1 of a leap year
		{"0 0 L-30 4 *", true},
		{"0 0 L-29W 2 *", true},
		{"0 0 29 2 *", false},
		{"0 0 29W 2 *", false},
		{"0 0 31 1-3 *", false},
		{"0 0 * 2 SAT#5", false},
		{"0 0 30 2 SAT#5", false},
		{"0 0 30 2 1", false},
		{"0 0 31 11 *", true},
		{"* * * * *", false},
	}
	for _, tc := range tests {
		c := mustCron(t, tc.expr)
		if got := c.NeverFires(); got != tc.never {
			t.Errorf("%q.NeverFires() = %v, want %v", tc.expr, got, tc.never)
		}
		if _, ok := c.Next(utc("2026-01-01 00:00")); ok == tc.never {
			t.Errorf("%q.Next ok = %v, want %v", tc.expr, ok, !tc.never)
		}
	}
}

// Cloudflare rejects a cron that compiles like one before it in the same list (saffron-web
// validate); equal Crons are those duplicates.
func TestCronDuplicatesCompareEqual(t *testing.T) {
	same := [][]string{
		{"0 0 * * 1", "0 0 * * SUN", "0 0 * * sun", "0 0 * * 1-1", "00 000 * * 1"},
		{"0 0 * * 7", "0 0 * * SAT", "0 0 * * L"},
		{"*/15 * * * *", "0,15,30,45 * * * *", "0-59/15 * * * *", "0/15 * * * *"},
		{"0 * * * *", "0 0-23 * * *", "0 * * JAN-DEC *"},
		{"0 0 * * 6L", "0 0 * * FRIL", "0 0 * * friL"},
	}
	for _, group := range same {
		var first *Cron
		for _, e := range group {
			c := mustCron(t, e)
			if first == nil {
				first = c
			} else if *c != *first {
				t.Errorf("%q and %q should compile alike: %+v vs %+v", group[0], e, *first, *c)
			}
		}
	}
	different := [][2]string{
		{"0 0 * * *", "0 0 * * 1-7"}, // "*" does not restrict the day, "1-7" does
		{"0 0 * * *", "0 0 */1 * *"},
		{"0 0 L * *", "0 0 LW * *"},
		{"0 0 * * 6L", "0 0 * * 6#5"},
		{"0 0 15W * *", "0 0 15 * *"},
		{"0 0 L-1 * *", "0 0 L-1W * *"},
	}
	for _, d := range different {
		if *mustCron(t, d[0]) == *mustCron(t, d[1]) {
			t.Errorf("%q and %q should differ", d[0], d[1])
		}
	}
}

func TestCronStringRoundTrips(t *testing.T) {
	for _, tc := range validCrons {
		c := mustCron(t, tc.expr)
		again, err := ParseCron(c.String())
		if err != nil {
			t.Errorf("%q: String() %q does not parse: %s", tc.expr, c.String(), err.Msg)
		} else if *again != *c {
			t.Errorf("%q: String() %q parses to %+v, not %+v", tc.expr, c.String(), *again, *c)
		}
	}
}

// naiveFires says, without the month-shape bit sets Next uses, whether c fires at minute t.
func naiveFires(c *Cron, t time.Time) bool {
	if c.Minutes&(1<<t.Minute()) == 0 || c.Hours&(1<<t.Hour()) == 0 {
		return false
	}
	return naiveDay(c, t)
}

func naiveDay(c *Cron, t time.Time) bool {
	if c.Months&(1<<int(t.Month())) == 0 {
		return false
	}
	dom, dow := naiveDayOfMonth(c, t), naiveDayOfWeek(c, t)
	switch {
	case c.Day == DayAny && c.Weekday == WeekdayAny:
		return true
	case c.Day == DayAny:
		return dow
	case c.Weekday == WeekdayAny:
		return dom
	}
	return dom || dow
}

func lastDayOf(t time.Time) int {
	return time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func naiveDayOfMonth(c *Cron, t time.Time) bool {
	switch last := lastDayOf(t); c.Day {
	case DayList:
		return c.Days&(1<<t.Day()) != 0
	case DayLast:
		return t.Day() == last-int(c.DayN)
	case DayLastWeekday:
		return naiveNearestWeekday(t, last-int(c.DayN))
	case DayNearestWeekday:
		return naiveNearestWeekday(t, int(c.DayN))
	}
	return false
}

// naiveNearestWeekday: is t the Monday-to-Friday day of its month closest to day target?
func naiveNearestWeekday(t time.Time, target int) bool {
	if target < 1 || target > lastDayOf(t) {
		return false
	}
	for dist := 0; dist <= 3; dist++ {
		for _, d := range []int{target - dist, target + dist} {
			day := time.Date(t.Year(), t.Month(), d, 0, 0, 0, 0, time.UTC)
			if d >= 1 && d <= lastDayOf(t) && day.Weekday() != time.Saturday && day.Weekday() != time.Sunday {
				return d == t.Day()
			}
		}
	}
	return false
}

func naiveDayOfWeek(c *Cron, t time.Time) bool {
	if c.Weekdays&(1<<t.Weekday()) == 0 {
		return false
	}
	switch c.Weekday {
	case WeekdayLast:
		return t.AddDate(0, 0, 7).Month() != t.Month()
	case WeekdayNth:
		return (t.Day()-1)/7+1 == int(c.Nth)
	}
	return true
}

// bruteNext scans day by day, then minute by minute, for the first fire after from.
func bruteNext(c *Cron, from time.Time, years int) (time.Time, bool) {
	t := from.Truncate(time.Minute).Add(time.Minute)
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	for end := day.AddDate(years, 0, 0); day.Before(end); day = day.AddDate(0, 0, 1) {
		if !naiveDay(c, day) {
			continue
		}
		for m := day; m.Day() == day.Day(); m = m.Add(time.Minute) {
			if !m.Before(t) && naiveFires(c, m) {
				return m, true
			}
		}
	}
	return time.Time{}, false
}

// randomCron writes an expression from the whole grammar; some come out invalid.
func randomCron(r *rand.Rand) string {
	num := func(lo, hi int) string { return strconv.Itoa(lo + r.IntN(hi-lo+1)) }
	item := func(lo, hi int) string {
		switch r.IntN(6) {
		case 0:
			return "*/" + num(1, hi-lo)
		case 1:
			return num(lo, hi) + "-" + num(lo, hi)
		case 2:
			return num(lo, hi) + "/" + num(1, hi-lo)
		case 3:
			return num(lo, hi) + "-" + num(lo, hi) + "/" + num(1, hi-lo)
		}
		return num(lo, hi)
	}
	list := func(lo, hi int) string {
		if r.IntN(4) == 0 {
			return "*"
		}
		s := item(lo, hi)
		for r.IntN(3) == 0 {
			s += "," + item(lo, hi)
		}
		return s
	}
	dom := list(1, 31)
	switch r.IntN(8) { // favour the end of the month, where months differ
	case 0:
		dom = []string{"L", "LW", "L-" + num(1, 30), "L-" + num(1, 30) + "W"}[r.IntN(4)]
	case 1:
		dom = num(1, 31) + "W"
	case 2:
		dom = num(28, 31) + []string{"", "W", ",30", "-31"}[r.IntN(4)]
	}
	month := list(1, 12)
	if r.IntN(3) == 0 {
		month = []string{"2", "4", "2,4", "FEB", "11"}[r.IntN(5)]
	}
	dow := list(1, 7)
	switch r.IntN(6) {
	case 0:
		dow = num(1, 7) + "L"
	case 1:
		dow = num(1, 7) + "#" + num(1, 5)
	}
	return strings.Join([]string{list(0, 59), list(0, 23), dom, month, dow}, " ")
}

func TestCronNextAgreesWithBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 2000
	if testing.Short() {
		n = 200
	}
	never := 0
	for checked := 0; checked < n; {
		expr := randomCron(r)
		c, err := ParseCron(expr)
		if err != nil {
			continue
		}
		checked++
		from := time.Date(2020+r.IntN(10), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), r.IntN(60), 0, 0, time.UTC)
		got, ok := c.Next(from)
		if !ok {
			if never++; never <= 10 { // a 400-year scan is slow: check a few
				if w, found := bruteNext(c, from, 400); found {
					t.Errorf("%q: Next says never, but it fires %v", expr, w)
				}
			}
			continue
		}
		want, found := bruteNext(c, from, 50)
		if !found || !got.Equal(want) {
			t.Errorf("%q after %v: Next = %v, brute force = %v (%v)", expr, from, got, want, found)
		}
	}
}

func BenchmarkParseCron(b *testing.B) {
	exprs := []string{"*/5 * * * *", "0 17 * * sun", "10 7 * * mon-fri", "59 23 LW * *",
		"0 18 * * friL", "*/15,30-59/10 0-6,20-23 1,15 JAN-MAR,OCT 2-6", "0 0 * * 0"}
	b.ReportAllocs()
	for b.Loop() {
		for _, e := range exprs {
			ParseCron(e)
		}
	}
}

func BenchmarkNeverFires(b *testing.B) {
	var crons []*Cron
	for _, e := range []string{"* * * * *", "0 0 30 2 *", "0 0 31 4,6,9,11 *", "0 0 * 2 MON#5", "0 0 L-29W 2 *", "0 0 15W * *"} {
		crons = append(crons, mustCron(b, e))
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range crons {
			c.NeverFires()
		}
	}
}

func BenchmarkNext(b *testing.B) {
	c := mustCron(b, "0 0 * 2 MON#5")
	from := utc("2026-01-01 00:00")
	b.ReportAllocs()
	for b.Loop() {
		c.Next(from)
	}
}
