//go:build linux || openbsd || dragonfly || solaris || illumos

package cache

import (
	"io/fs"
	"syscall"
)

func sysIdentity(info fs.FileInfo) (dev, ino uint64, ctime int64, uid uint32) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Dev), uint64(st.Ino), st.Ctim.Nano(), st.Uid
	}
	return 0, 0, 0, 0
}
