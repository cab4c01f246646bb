//go:build unix

package fix

import (
	"io/fs"
	"syscall"
)

// ownerOf returns the user and group that own a file.
func ownerOf(info fs.FileInfo) (uid, gid int, ok bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, false
	}
	return int(st.Uid), int(st.Gid), true
}
