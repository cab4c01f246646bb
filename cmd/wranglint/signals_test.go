//go:build unix

package main

import (
	"strings"
	"sync"
	"syscall"
	"testing"
)

// syncBuffer is a strings.Builder safe for the handler's goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A real SIGINT or SIGTERM sent to this process while the handler is
// installed stops the fix (fix.Interrupt, tested in lint/fix) and exits
// 130 or 143, saying so.
func TestSignalsStopFixCleanly(t *testing.T) {
	defer func(exit func(int), interrupt func() int) { exitProcess, interruptFix = exit, interrupt }(exitProcess, interruptFix)
	for sig, want := range map[syscall.Signal]int{syscall.SIGINT: 130, syscall.SIGTERM: 143} {
		codes := make(chan int, 1)
		interrupted := 0
		exitProcess = func(code int) { codes <- code }
		interruptFix = func() int { interrupted++; return 2 }
		var errb syncBuffer
		stop := catchSignals(&errb)
		must(t, syscall.Kill(syscall.Getpid(), sig))
		code := <-codes
		stop()
		if code != want || interrupted != 1 || !strings.Contains(errb.String(), "stopped; 2 file(s) were written, the others are as they were, and no temporary file is left") {
			t.Errorf("%v: exit %d, fix interrupted %d time(s)\n%s", sig, code, interrupted, errb.String())
		}
	}
}
