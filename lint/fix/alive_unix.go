//go:build unix

package fix

import (
	"errors"
	"syscall"
)

// processAlive reports whether a process with this id exists (one of
// another user counts: it may be a run of theirs).
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
