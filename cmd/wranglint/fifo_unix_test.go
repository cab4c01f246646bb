//go:build unix

package main

import (
	"io/fs"
	"syscall"
)

func mkfifo(path string) error { return syscall.Mkfifo(path, 0o644) }

func fileOwner(info fs.FileInfo) (uid, gid int, ok bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, false
	}
	return int(st.Uid), int(st.Gid), true
}
