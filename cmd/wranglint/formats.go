package main

import (
	"io"
	"os"

	"github.com/mattn/go-isatty"
)

// informationURI is where wranglint's documentation lives (SARIF's
// tool.driver.informationUri).
const informationURI = "https://github.com/wranglint/wranglint"

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
