package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/wranglint/wranglint/lint/fix"
)

// exitProcess and interruptFix are os.Exit and fix.Interrupt; the
// signal test replaces them.
var (
	exitProcess  = os.Exit
	interruptFix = fix.Interrupt
)

// catchSignals makes SIGINT and SIGTERM during --fix's writes stop them
// cleanly: the file being replaced is finished, no other is, every
// temporary and backup file is removed, and wranglint exits 130 (SIGINT)
// or 143 (SIGTERM) saying how many files were written. stop restores the
// default handling.
func catchSignals(stderr io.Writer) (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			signal.Stop(ch) // a second signal kills at once, should the write hang
			exitProcess(onSignal(sig, stderr))
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}

func onSignal(sig os.Signal, stderr io.Writer) int {
	n := interruptFix()
	fmt.Fprintf(stderr, "wranglint: %v: stopped; %d file(s) were written, the others are as they were, and no temporary file is left\n", sig, n)
	if sig == syscall.SIGTERM {
		return 128 + 15
	}
	return 128 + 2
}
