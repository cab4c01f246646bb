//go:build unix

package cache

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// openFlags open an entry without following a link at its name and
// without waiting on a FIFO (the descriptor is checked before any read).
const openFlags = syscall.O_NOFOLLOW | syscall.O_NONBLOCK

// createFlags create a file that did not exist, never through a link.
const createFlags = syscall.O_NOFOLLOW

// ownedByUser reports whether info is owned by the user running
// wranglint and writable by nobody else; why says what is wrong.
func ownedByUser(info fs.FileInfo) (why string, ok bool) {
	st, isUnix := info.Sys().(*syscall.Stat_t)
	if !isUnix {
		return "", true
	}
	if uid := os.Getuid(); int(st.Uid) != uid {
		return fmt.Sprintf("is owned by user %d, not by you (user %d)", st.Uid, uid), false
	}
	if perm := info.Mode().Perm(); perm&0o022 != 0 {
		return fmt.Sprintf("is writable by other users (mode %04o)", perm), false
	}
	return "", true
}
