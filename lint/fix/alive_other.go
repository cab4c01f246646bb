//go:build !unix

package fix

import "os"

// processAlive reports whether a process with this id exists; where that
// cannot be told, it is assumed to (its files are left: git ignores them).
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
