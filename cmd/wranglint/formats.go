package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/report"
	"github.com/wranglint/wranglint/rules"
)

// formats are the values of --format.
var formats = []string{"text", "json", "sarif", "github", "checkstyle", "junit"}

// informationURI is where wranglint's documentation lives (SARIF's
// tool.driver.informationUri).
const informationURI = "https://github.com/wranglint/wranglint"

// checkFormat says what is wrong with a --format value, or "".
func checkFormat(format string) string {
	for _, f := range formats {
		if f == format {
			return ""
		}
	}
	return fmt.Sprintf("unknown --format %q (use %s)", format, strings.Join(formats, ", "))
}

// defaultFormat is --format when given; otherwise github inside a GitHub
// Actions step whose output is not a terminal (the runner reads the
// annotations from the log), text elsewhere.
func defaultFormat(format string, given bool, stdout io.Writer) string {
	if given || os.Getenv("GITHUB_ACTIONS") != "true" {
		return format
	}
	if f, ok := stdout.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
		return format
	}
	return "github"
}

// writeFormat prints findings (already masked) in one of the formats.
func writeFormat(format string, w io.Writer, rel func(string) string, ds []lint.Diagnostic, painter report.Painter) error {
	switch format {
	case "json":
		return report.WriteJSON(w, ds, rel)
	case "sarif":
		wd, _ := os.Getwd()
		return report.WriteSARIF(w, ds, report.Tool{Name: "wranglint", Version: buildVersion(), InformationURI: informationURI, Rules: rules.All(), WorkDir: wd})
	case "github":
		return report.WriteGitHub(w, ds)
	case "checkstyle":
		return report.WriteCheckstyle(w, ds)
	case "junit":
		return report.WriteJUnit(w, ds)
	}
	report.WriteText(w, ds, painter)
	return nil
}
