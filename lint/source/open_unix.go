//go:build unix

package source

import "syscall"

// openNonBlocking opens a FIFO without waiting for a writer.
const openNonBlocking = syscall.O_NONBLOCK
