//go:build unix

package cache

import (
	"syscall"
	"testing"
)

func mkfifo(t *testing.T, p string) {
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Fatal(err)
	}
}
