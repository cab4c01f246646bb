package report

import (
	"io"
	"os"
	"strings"

	"github.com/fatih/color"
	"github.com/mattn/go-isatty"
)

// ChooseColor decides how output to out is painted: --color always and
// never win; auto colours a terminal (with links to the rules' pages)
// unless NO_COLOR is set; FORCE_COLOR decides before both, colour for any
// value but "0" and "false", which turn colour off as they do for Node.js
// tools. ok is false for an unknown mode.
func ChooseColor(mode string, out io.Writer, getenv func(string) string) (pt Painter, ok bool) {
	switch mode {
	case "always":
		return Painter{On: true}, true
	case "never":
		return Painter{}, true
	case "auto":
	default:
		return Painter{}, false
	}
	if v, set := lookup(getenv, "FORCE_COLOR"); set {
		return Painter{On: v != "0" && v != "false"}, true
	}
	if getenv("NO_COLOR") != "" {
		return Painter{}, true
	}
	if !isTerminal(out) {
		return Painter{}, true
	}
	return Painter{On: true, Links: getenv("TERM") != "dumb"}, true
}

// lookup: FORCE_COLOR set to "" counts as unset (as test harnesses clear it).
func lookup(getenv func(string) string, key string) (string, bool) {
	v := getenv(key)
	return v, v != ""
}

// isTerminal looks through writers that wrap another (--stats wraps
// standard output).
func isTerminal(out io.Writer) bool {
	for {
		u, ok := out.(interface{ Unwrap() io.Writer })
		if !ok {
			break
		}
		out = u.Unwrap()
	}
	f, ok := out.(*os.File)
	return ok && isatty.IsTerminal(f.Fd())
}

// IsTerminal reports whether out is a terminal (the screen --watch clears).
func IsTerminal(out io.Writer) bool { return isTerminal(out) }

// PaintDiff colours a unified diff as git does: file headers bold, hunk
// headers cyan, removed lines red, added lines green. Without colour it
// is the diff unchanged.
func PaintDiff(diff string, pt Painter) string {
	if !pt.On || diff == "" {
		return diff
	}
	var b strings.Builder
	for _, line := range strings.SplitAfter(diff, "\n") {
		body := strings.TrimRight(line, "\r\n")
		end := line[len(body):]
		switch {
		case body == "":
			b.WriteString(line)
			continue
		case strings.HasPrefix(body, "diff --git "), strings.HasPrefix(body, "--- "), strings.HasPrefix(body, "+++ "),
			strings.HasPrefix(body, "rename from "), strings.HasPrefix(body, "rename to "), strings.HasPrefix(body, "similarity index "):
			body = pt.paint(body, color.Bold)
		case strings.HasPrefix(body, "@@"):
			body = pt.paint(body, color.FgCyan)
		case body[0] == '-':
			body = pt.paint(body, color.FgRed)
		case body[0] == '+':
			body = pt.paint(body, color.FgGreen)
		}
		b.WriteString(body + end)
	}
	return b.String()
}
