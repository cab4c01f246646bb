//go:build unix

package settings

import (
	"fmt"
	"io/fs"
	"os"
	"slices"
	"syscall"
)

// currentUsers are the users whose files wranglint trusts besides the
// owner of the linted folder: the user running it, and root.
func currentUsers() []uint32 { return []uint32{uint32(os.Geteuid()), 0} }

// fileOwner returns the user owning a file.
func fileOwner(info fs.FileInfo) (uint32, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	return st.Uid, true
}

// othersCanWrite says why a user not in trusted could have written the
// file or folder: writable by others (a sticky /tmp too: anyone may add
// a file to it), or owned by another user; "" when no one else can.
func othersCanWrite(info fs.FileInfo, trusted []uint32) string {
	if info.Mode().Perm()&0o002 != 0 {
		return "is writable by other users"
	}
	if uid, ok := fileOwner(info); ok && !slices.Contains(trusted, uid) {
		return fmt.Sprintf("is owned by another user (uid %d)", uid)
	}
	return ""
}
