package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/report"
	"github.com/wranglint/wranglint/lint/watch"
	"github.com/wranglint/wranglint/rules"
)

// watchCommand is --watch: lint, then lint again after each burst of
// changes, reusing one scan cache (so only changed files are parsed
// again), until Ctrl-C, which exits 0: the watch ended as asked. A second
// Ctrl-C while a lint runs ends the process at once.
func watchCommand(f *flags, args []string, out *sink, painter report.Painter, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // the next signal has its default effect
	}()
	clearScreen := f.outputFile == "" && report.IsTerminal(out.out)
	reportFile := ""
	if f.outputFile != "" {
		reportFile, _ = filepath.Abs(f.outputFile)
	}
	folders := 0
	o := watch.Options{
		Roots:    orCurrent(args),
		Debounce: watch.DefaultDebounce,
		Ignore:   func(p string) bool { return p == reportFile },
		Ready:    func(n int) { folders = n },
	}
	err := watch.Run(ctx, o, func(changed []string) {
		opts := f.loadOptions(args)
		st := &project.Stats{}
		opts.Stats = st
		res := lint.Run(project.Load(opts), rules.All(), f.ci.lintOptions())
		if clearScreen {
			io.WriteString(out.out, "\x1b[H\x1b[2J") // home, then clear the screen
		}
		if err := writeReport(f, out, res.Project, res.Diagnostics, painter, res.Project.Files.Masker()); err == nil {
			if err := out.flush(); err != nil {
				fmt.Fprintln(stderr, "wranglint:", err)
			}
		}
		if !f.quiet {
			scanned, hits := st.Scans()
			fmt.Fprintf(stderr, "wranglint --watch %s: %s; %d source files parsed, %d from the cache; watching %d folders (Ctrl-C to stop)\n",
				time.Now().Format("15:04:05"), changes(changed), scanned-hits, hits, folders)
		}
	})
	if err != nil {
		fmt.Fprintln(stderr, "wranglint: --watch:", err)
		return 2
	}
	return 0
}

// changes says what set off a lint.
func changes(changed []string) string {
	switch len(changed) {
	case 0:
		return "first lint"
	case 1:
		wd, _ := os.Getwd()
		if rel, err := filepath.Rel(wd, changed[0]); err == nil {
			return report.Escape(filepath.ToSlash(rel)) + " changed"
		}
		return report.Escape(changed[0]) + " changed"
	}
	return fmt.Sprintf("%d files changed", len(changed))
}
