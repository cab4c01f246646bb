package main

import (
	"fmt"
	"io"

	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/report"
)

// writeSettingsNotes says on stderr which settings files the lookup did
// not use because other users could have written them (a settings file
// can silence every finding), and with --verbose which ones applied.
func writeSettingsNotes(p *project.Project, verbose bool, w io.Writer) {
	if p == nil || p.Settings == nil {
		return
	}
	for _, s := range p.Settings.Skipped() {
		fmt.Fprintf(w, "wranglint: not using %s: %s, and a settings file can silence any finding; wranglint uses only settings that no one but you, root or the project's owner can write (move it into the project, or pass it with --config)\n",
			report.Escape(s.Path), report.Escape(s.Why))
	}
	if !verbose {
		return
	}
	loaded := p.Settings.Loaded()
	if len(loaded) == 0 {
		fmt.Fprintln(w, "wranglint: no .wranglint.jsonc applies")
	}
	for _, s := range loaded {
		fmt.Fprintf(w, "wranglint: settings from %s\n", report.Escape(s.File.Path))
	}
}
