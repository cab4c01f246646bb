//go:build unix

package lsp_test

import (
	"syscall"
	"time"
)

// processCPU is the CPU time this process has used (user and system):
// on a shared machine it says more about a keystroke's cost than the wall
// clock.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
